"""The category classifier: features shared by training and inference, a code-free artifact."""
