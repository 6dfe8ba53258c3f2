"""The repository keeps the promises its README and the course make."""

from __future__ import annotations

import pathlib
import re
import tomllib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_root_pyproject_holds_tool_settings_only():
    # A [project] or [build-system] table would make Binder's repo2docker run
    # a second, non-editable `pip install .` that shadows `-e ./code`.
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "project" not in data and "build-system" not in data
    package = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())
    assert package["project"]["name"] == "l1l2"


def requirement_lines(name):
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_requirements_are_exact_pins_plus_the_editable_package():
    lines = requirement_lines("requirements.txt")
    assert "-e ./code" in lines
    pins = [line for line in lines if line not in ("-e ./code", "-c constraints.txt")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-]*", p) for p in pins), pins
    names = {p.split("==")[0].lower() for p in pins}
    assert {"jupyter-book", "numpy", "matplotlib", "ipywidgets", "nbval", "jupyterlab"} <= names
    assert any(p == "jupyter-book==1.0.4.post1" for p in pins)
    dev = requirement_lines("requirements-dev.txt")
    assert "-r requirements.txt" in dev
    assert "torch==2.13.0" in dev  # unpinned torch would download a multi-GB build
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    setup = [c for c in commands if c.startswith("python3 -m venv")]
    assert len(setup) == 2, "the README gives exactly two set-up commands"
    build, test = setup
    assert "pip install -r requirements.txt" in build and "jupyter-book build ." in build
    assert test in ci.splitlines(), "the README's test command must appear verbatim in .ci/run"


def test_the_site_loads_mathjax_from_itself_and_no_widget_javascript():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    sphinx = config["sphinx"]["config"]
    assert "://" not in sphinx["mathjax_path"]
    assert sphinx["nb_ipywidgets_js"] == {}  # myst-nb's default loads it from a CDN
    assert "_vendor" in sphinx["html_extra_path"]
    vendor = ROOT / "_vendor"
    assert (vendor / sphinx["mathjax_path"].removeprefix("../")).exists()
    assert sorted(p.name for p in vendor.iterdir()) == ["VERSIONS", "mathjax"]
    pinned = (ROOT / "scripts" / "vendor.sh").read_text()
    for line in (vendor / "VERSIONS").read_text().splitlines():
        name, version = line.split()
        assert name == "mathjax" and f"MATHJAX_VERSION={version}" in pinned


def test_interactive_figures_show_their_html_version_on_the_site():
    sphinx = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    overrides = {(b, m): p for b, m, p in sphinx["nb_mime_priority_overrides"]}
    assert overrides[("html", "application/vnd.jupyter.widget-view+json")] is None
    assert overrides[("html", "text/html")] is not None


def constraint_pins() -> dict[str, str]:
    pins = {}
    for line in requirement_lines("constraints.txt"):
        name, version = line.split("==")
        pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_every_install_path_uses_the_lock_of_the_whole_closure():
    # Binder and both README commands install requirements.txt, which names the lock.
    assert requirement_lines("requirements.txt")[0] == "-c constraints.txt"
    assert "-r requirements.txt" in requirement_lines("requirements-dev.txt")
    lock = requirement_lines("constraints.txt")
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-!]*", p) for p in lock), lock
    pins = constraint_pins()
    # Packages the stored figures and the build depend on, though nobody names them.
    assert {"pillow", "contourpy", "fonttools", "kiwisolver", "myst-nb", "sphinx",
            "pybtex", "nbformat", "ipykernel"} <= set(pins)
    # The lock agrees with every pin chosen on purpose, for readers and for tests.
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in requirement_lines(name):
            if "==" in line:
                package, version = line.split("==")
                locked = pins[re.sub(r"[-_.]+", "-", package).lower()]
                assert locked.split("+")[0] == version, line  # torch's lock reads 2.13.0+cpu
    assert (ROOT / "scripts" / "lock.sh").exists()  # the one command that refreshes it


# Import names whose distribution has another name.
DISTRIBUTION_OF = {"PIL": "pillow", "sklearn": "scikit-learn", "yaml": "pyyaml"}


def test_the_package_declares_every_package_it_imports():
    import ast
    import sys

    imported = set()
    for path in (ROOT / "code" / "l1l2").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {name for name in imported
                   if name not in sys.stdlib_module_names and name not in {"l1l2", "__future__"}}
    project = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[<>=!~ ;\[]", d)[0].lower() for d in project["dependencies"]}
    missing = {DISTRIBUTION_OF.get(name, name).lower() for name in third_party} - declared
    assert not missing, f"code/pyproject.toml must declare {sorted(missing)}"
    # and every declared package is in the lock, at the version the course is tested with
    assert declared <= set(constraint_pins())
