"""Re-dump a catalogue file readably: block scalars for multi-line text, no YAML aliases.

    python -m tests.catalogue_yaml rules/catalogue/authentication.yml
"""
import sys

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _str(dumper, value):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=115)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        text = dump(data)
        assert yaml.safe_load(text) == data
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
