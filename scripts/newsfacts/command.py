"""The `newsfacts` console script: the full command line when the build extra is installed,
else a one-line hint (the plain `pip install newsfacts` is the reader only)."""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        from newsfacts.cli import main as cli_main
    except ModuleNotFoundError as exc:
        from newsfacts import __version__

        if args[:1] == ["--version"]:
            print(f"newsfacts {__version__}")
            return 0
        sys.stderr.write(
            f"newsfacts: the command line needs the build extra ({exc.name} is not installed): "
            "pip install 'newsfacts[build]'; newsfacts.load() works without it\n"
        )
        return 2
    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
