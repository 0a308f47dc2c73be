"""The Python tests' one way to state a fact: check(cond, what) prints ok or
FAIL with what was checked, and exit_code() is 1 when any failed."""
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def exit_code():
    return 1 if failures else 0
