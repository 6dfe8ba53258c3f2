"""The contract test: every public function of l1l2, fed bad input.

For each public function (``contract.public_functions()``) exactly one spec in
``contract_specs_numeric.py`` or ``contract_specs_figures.py`` gives a valid
call and the domain of each argument; each (function, argument, bad value)
is one test case, named like ``linear_model.lasso[alpha=nan]``. See ``contract.py``
for what the contract requires.
"""

from __future__ import annotations

import collections

import contract
import contract_specs_figures
import contract_specs_numeric
import pytest

SPECS = list(contract_specs_numeric.SPECS) + list(contract_specs_figures.SPECS)
INTERNAL_SPECS = list(contract_specs_figures.INTERNAL_SPECS)

CASES = [
    pytest.param(spec, name, bad, id=f"{contract.spec_key(spec)}[{name}={bad.label}]")
    for spec in SPECS + INTERNAL_SPECS
    for name, bad in contract.cases(spec)
]


def test_every_public_function_has_exactly_one_spec():
    public = contract.public_functions()
    counts = collections.Counter(contract.spec_key(spec) for spec in SPECS)
    missing = sorted(set(public) - set(counts))
    extra = sorted(set(counts) - set(public))
    duplicated = sorted(k for k, n in counts.items() if n > 1)
    assert not missing, f"public functions without a contract spec: {missing}"
    assert not extra, f"specs for functions that are not public: {extra}"
    assert not duplicated, f"functions with more than one spec: {duplicated}"


@pytest.mark.parametrize("spec", SPECS, ids=contract.spec_key)
def test_every_parameter_is_fuzzed_or_skipped_with_a_reason(spec):
    assert not contract.unspecified_parameters(spec), (
        f"{spec.name}: parameters with neither a domain nor a skip reason: "
        f"{contract.unspecified_parameters(spec)}"
    )
    for name, reason in spec.skip.items():
        assert isinstance(reason, str) and len(reason) > 10, f"{spec.name}: skip {name!r}"
    for name, domain in spec.domains.items():
        if domain.kind == "other":
            assert len(domain.reason) > 10, f"{spec.name}: domain of {name!r} needs a reason"


@pytest.mark.parametrize("spec", SPECS + INTERNAL_SPECS, ids=contract.spec_key)
def test_valid_call_succeeds(spec):
    contract.run_contract(spec)


@pytest.mark.parametrize(("spec", "name", "bad"), CASES)
def test_contract(spec, name, bad):
    contract.run_contract(spec, name, bad)
