"""The test suite on every supported Python present on this machine (3.11, 3.12, 3.13).

    pip install nox==2026.10.20 && nox            # all three (those not found are skipped)
    nox -s tests-3.13                             # one
    PYENV_VERSION=3.11.7:3.12.1:3.13.0 nox        # with pyenv: put each version's python3.X on PATH

CI runs the suite on the machine's own Python (.ci/run); this runs it on the others.
"""

import nox

nox.options.error_on_missing_interpreters = False


@nox.session(python=["3.11", "3.12", "3.13"])
def tests(session: nox.Session) -> None:
    session.install(".[test]")  # a real (non-editable) install, as pipx makes
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *session.posargs)
