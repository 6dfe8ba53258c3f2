"""Shared helpers of the browser tests (tests/test_browser.py,
tests/test_jupyterlab.py): headless Chromium and its skip-or-fail rule, and a
throw-away Jupyter server (JupyterLab or Notebook 7).

The server binds to 127.0.0.1 on a free port with a random token, in its own
process group, with its runtime, settings and workspace directories inside the
test's temporary directory (nothing of the user's Jupyter state is read or
written). It is stopped by its process group id, also when the test fails.

Chromium is Debian's /usr/bin/chromium driven by Python playwright: without
it the tests skip, except under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHROMIUM = pathlib.Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
SCREENSHOTS = ROOT / "_build" / "jupyter-screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unavailable(reason: str):
    """Skip, or fail under CI=true (every browser test: the site's and Jupyter's)."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


def chapter_source(name: str) -> pathlib.Path:
    """The reader's version of a chapter (``notebooks/``) if it exists, else
    the book's (``chapters/``)."""
    reader = ROOT / "notebooks" / name
    return reader if reader.is_file() else ROOT / "chapters" / name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def launch_chromium(playwright):
    if not CHROMIUM.exists():
        unavailable("Chromium is not installed: `apt-get install chromium` (Debian) "
                    "to run the Jupyter browser tests")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class JupyterServer:
    """``jupyter lab`` or ``jupyter notebook`` (7.x) serving ``root``."""

    def __init__(self, app: str, root: pathlib.Path, state: pathlib.Path,
                 extra_args: tuple[str, ...] = ()):
        self.app = app
        self.extra_args = list(extra_args)
        self.root = root
        self.state = state
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = state / f"{app}-server.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> JupyterServer:
        for d in ("runtime", "config", "workspaces", "user-settings", "data"):
            (self.state / d).mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update({
            "JUPYTER_RUNTIME_DIR": str(self.state / "runtime"),
            "JUPYTER_CONFIG_DIR": str(self.state / "config"),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.state / "workspaces"),
            "JUPYTERLAB_SETTINGS_DIR": str(self.state / "user-settings"),
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        })
        env.pop("L1L2_STATIC_FRAMES", None)  # a reader's kernel
        env["JUPYTER_DATA_DIR"] = str(self.state / "data")  # notebook-signing key
        # the checkout under test, not whatever l1l2 the venv holds, in the
        # server (its extension l1l2._jupyter_server) and in the kernels
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "code"), env.get("PYTHONPATH", "")) if p)
        # no "get notified about Jupyter news?" toast over the notebook
        notification = (self.state / "user-settings" / "@jupyterlab" / "apputils-extension"
                        / "notification.jupyterlab-settings")
        if self.app == "lab":
            notification.parent.mkdir(parents=True, exist_ok=True)
            notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        cmd = [
            sys.executable, "-m", "jupyter", self.app, "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", "--ServerApp.terminals_enabled=False",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.workspaces_dir={self.state / 'workspaces'}",
            f"--LabApp.user_settings_dir={self.state / 'user-settings'}",
        ]
        cmd += self.extra_args
        if os.geteuid() == 0:  # containers: the server refuses root without this
            cmd.append("--allow-root")
        if self.app == "notebook":
            cmd = [c.replace("--LabApp.", "--JupyterNotebookApp.") for c in cmd]
        self._log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter {self.app} exited with {self.proc.returncode}:\n"
                                   + self.log())
            try:
                self.api("GET", "status")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"jupyter {self.app} did not answer in {timeout} s:\n" + self.log())

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def api(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.base}/api/{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def url(self, path: str) -> str:
        return f"{self.base}/{path}?token={self.token}"

    def shutdown_kernels(self) -> list[str]:
        ids = [k["id"] for k in self.api("GET", "kernels")]
        for kid in ids:
            self.api("DELETE", f"kernels/{kid}")
        return ids

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                self.shutdown_kernels()
            except Exception:  # the server may be broken: killed below anyway
                pass
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        # kernels run in process groups of their own: kill any left, by pid
        for pid in _kernel_pids(self.state / "runtime"):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()
        self.proc = None


def has_module(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _kernel_pids(runtime: pathlib.Path) -> list[int]:
    """Processes whose command line names a connection file in ``runtime``."""
    pids = []
    for proc in pathlib.Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if str(runtime) in cmdline and "kernel" in cmdline:
            pids.append(int(proc.name))
    return pids
