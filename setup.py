"""Setuptools hook: ship the built data package inside the wheel (newsfacts/_data).

`newsfacts.load()` with no argument reads it when the package is installed outside a checkout.
Only files are copied (no imports), so the wheel builds with setuptools alone.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ["datapackage.json", "CITATION.cff", "LICENSE-DATA"]


class build_py_with_data(build_py):
    def run(self):
        super().run()
        if not (ROOT / "datapackage.json").is_file():  # an sdist without the package: reader only
            return
        target = Path(self.build_lib) / "newsfacts" / "_data"
        shutil.rmtree(target, ignore_errors=True)
        for name in SHIPPED:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, target / name)
        for sub, pattern in (("data", "*.csv"), ("schemas", "*.schema.yaml")):
            (target / sub).mkdir(parents=True, exist_ok=True)
            for path in sorted((ROOT / sub).glob(pattern)):
                shutil.copyfile(path, target / sub / path.name)


setup(cmdclass={"build_py": build_py_with_data})
