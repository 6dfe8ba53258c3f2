"""The repository keeps the promises its README and the course make."""

from __future__ import annotations

import pathlib
import re
import tomllib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_root_pyproject_holds_tool_settings_only():
    # A [project] or [build-system] table would make Binder's repo2docker also
    # run `pip install .` on the repository root, beside requirements.txt's ./code.
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "project" not in data and "build-system" not in data
    package = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())
    assert package["project"]["name"] == "l1l2"


def requirement_lines(name):
    lines = (ROOT / name).read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_requirements_are_layered_reader_book_dev_with_exact_pins():
    # requirements.txt: what a reader (and Binder) needs to run the chapters;
    # requirements-book.txt adds the book builder; requirements-dev.txt the tests.
    lines = requirement_lines("requirements.txt")
    assert "./code" in lines and "-e ./code" not in lines  # Colab-like: no restart needed
    pins = [line for line in lines if line not in ("./code", "-c constraints.txt")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-]*", p) for p in pins), pins
    names = {p.split("==")[0].lower() for p in pins}
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "notebook"} <= names
    # the reader's environment carries neither the book builder nor test tools
    assert not names & {"jupyter-book", "nbval", "pytest", "sphinx-exercise", "torch"}
    book = requirement_lines("requirements-book.txt")
    assert book[0] == "-r requirements.txt" and "jupyter-book==1.0.4.post1" in book
    dev = requirement_lines("requirements-dev.txt")
    assert dev[0] == "-r requirements-book.txt" and "nbval==0.11.0" in dev
    assert "torch==2.13.0" in dev  # unpinned torch would download a multi-GB build
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"


def test_notebook_and_jupyterlab_pins_are_compatible():
    # Notebook 7.x is built for one JupyterLab minor: 7.4 needs jupyterlab<4.5
    # (what Binder's base image has); 7.6 goes with 4.6.
    pins = dict(line.split("==") for line in requirement_lines("requirements.txt")
                if "==" in line)
    lab_minor = pins["jupyterlab"].split(".")[:2]
    assert pins["notebook"].split(".")[:2] == ["7", lab_minor[1]], pins


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    setup = [c for c in commands if c.startswith("python3 -m venv")]
    assert len(setup) == 2, "the README gives exactly two set-up commands"
    build, test = setup
    assert "pip install -r requirements-book.txt" in build and "jupyter-book build ." in build
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
    assert "-r requirements.txt" in requirement_lines("requirements-book.txt")
    assert "-r requirements-book.txt" in requirement_lines("requirements-dev.txt")
    lock = requirement_lines("constraints.txt")
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9.+\-!]*", p) for p in lock), lock
    pins = constraint_pins()
    # Packages the stored figures and the build depend on, though nobody names them.
    assert {"pillow", "contourpy", "fonttools", "kiwisolver", "myst-nb", "sphinx",
            "pybtex", "nbformat", "ipykernel"} <= set(pins)
    # The lock agrees with every pin chosen on purpose, for readers and for tests.
    for name in ("requirements.txt", "requirements-book.txt", "requirements-dev.txt"):
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
    for path in (ROOT / "code" / "l1l2").rglob("*.py"):
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


def test_the_repository_address_is_written_only_in_config():
    # Everything else derives from repository.url: the pages through the
    # {{ repository_url }} substitution (_ext/site_assets.py), the launch
    # buttons through Jupyter Book, the reader notebooks through
    # scripts/make_reader_notebooks.py (generated: notebooks/ is checked
    # against the script by tests/test_reader_notebooks.py).
    import subprocess

    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    owner_name = url.rstrip("/").split("github.com/")[1]
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    copies = []
    for name in tracked:
        if name == "_config.yml" or name.startswith("notebooks/"):
            continue
        path = ROOT / name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        if owner_name in text or owner_name.replace("/", ".github.io/") in text:
            copies.append(name)
    assert not copies, f"the repository address {owner_name!r} is hard-coded in {copies}"
