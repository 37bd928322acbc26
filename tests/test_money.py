"""Money: exact Decimal amounts in one ISO 4217 currency."""

from __future__ import annotations

import pickle
from decimal import Decimal, localcontext

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgov import CurrencyMismatchError, Money, ValidationError, VendorgovError


def m(amount: str, currency: str = "EUR") -> Money:
    return Money(Decimal(amount), currency)


def error_paths(error: ValidationError) -> list[str]:
    return [detail.path for detail in error.errors]


class TestMoneyConstruction:
    def test_decimal_amount_and_code_are_kept(self) -> None:
        money = Money(Decimal("1234.50"), "EUR")
        assert money.amount == Decimal("1234.50")
        assert money.amount.as_tuple().exponent == -2  # precision kept, not normalised
        assert money.currency == "EUR"

    def test_float_is_refused_with_path_amount(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money(0.1, "EUR")  # type: ignore[arg-type]
        assert error_paths(info.value) == ["amount"]
        assert "floats are refused" in info.value.errors[0].message
        assert "'0.1'" in info.value.errors[0].message  # tells how to write it instead

    def test_int_is_refused(self) -> None:
        # The amount is annotated Decimal and the docs say "Decimal only": an int
        # is refused too (build it with Decimal(5)).
        with pytest.raises(ValidationError) as info:
            Money(5, "EUR")  # type: ignore[arg-type]
        assert error_paths(info.value) == ["amount"]
        assert info.value.errors[0].message == "expected a Decimal, got integer 5"

    @pytest.mark.parametrize("amount", ["12.50", None, True])
    def test_other_amount_types_are_refused(self, amount: object) -> None:
        with pytest.raises(ValidationError) as info:
            Money(amount, "EUR")  # type: ignore[arg-type]
        assert error_paths(info.value) == ["amount"]

    @pytest.mark.parametrize("text", ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"])
    def test_non_finite_amounts_are_refused(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            Money(Decimal(text), "EUR")
        assert error_paths(info.value) == ["amount"]
        assert "must be a finite number" in info.value.errors[0].message

    @pytest.mark.parametrize("text", ["1e15", "-1e15", "1000000000000000.00", "1e400"])
    def test_huge_amounts_are_refused(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            Money(Decimal(text), "EUR")
        assert error_paths(info.value) == ["amount"]
        assert "too large" in info.value.errors[0].message

    def test_largest_accepted_amount(self) -> None:
        assert Money(Decimal("999999999999999.99"), "EUR").amount == Decimal("999999999999999.99")
        assert Money(Decimal("-999999999999999.99"), "EUR").amount < 0

    def test_lower_case_code_is_refused_with_a_hint(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money(Decimal(1), "eur")
        assert error_paths(info.value) == ["currency"]
        assert info.value.errors[0].message == (
            "unknown ISO 4217 currency code 'eur' (codes are upper case)"
        )

    @pytest.mark.parametrize("code", ["XXX", "ABC", "EURO", "EU", "", " EUR", "€"])
    def test_unknown_codes_are_refused(self, code: str) -> None:
        with pytest.raises(ValidationError) as info:
            Money(Decimal(1), code)
        assert error_paths(info.value) == ["currency"]
        assert info.value.errors[0].message.startswith("unknown ISO 4217 currency code")

    def test_non_string_code_is_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money(Decimal(1), 978)  # type: ignore[arg-type]
        assert error_paths(info.value) == ["currency"]

    @pytest.mark.parametrize("code", ["EUR", "USD", "JPY", "BHD", "CHF", "XOF", "CLF"])
    def test_known_codes_are_accepted(self, code: str) -> None:
        assert Money(Decimal(1), code).currency == code

    def test_both_problems_listed(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money(0.5, 3)  # type: ignore[arg-type]
        assert error_paths(info.value) == ["amount", "currency"]

    def test_validation_error_is_a_vendorgov_value_error(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money(0.5, "EUR")  # type: ignore[arg-type]
        assert isinstance(info.value, VendorgovError)
        assert isinstance(info.value, ValueError)
        assert not isinstance(info.value, TypeError)

    def test_zero(self) -> None:
        zero = Money.zero("JPY")
        assert zero == Money(Decimal(0), "JPY")
        assert not zero
        assert m("0.01")

    def test_zero_with_bad_code(self) -> None:
        with pytest.raises(ValidationError):
            Money.zero("ZZZ")

    def test_minor_unit(self) -> None:
        assert m("1").minor_unit == Decimal("0.01")
        assert m("1", "JPY").minor_unit == Decimal("1")
        assert m("1", "BHD").minor_unit == Decimal("0.001")

    def test_str(self) -> None:
        assert str(m("1234.50")) == "1234.50 EUR"
        assert str(m("-3", "JPY")) == "-3 JPY"

    def test_frozen(self) -> None:
        money = m("1")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            money.amount = Decimal(2)  # type: ignore[misc]

    def test_equal_amounts_with_different_exponents_are_equal_and_hash_alike(self) -> None:
        assert m("1.0") == m("1.00")
        assert hash(m("1.0")) == hash(m("1.00"))
        assert len({m("1.0"), m("1.00"), m("1", "USD")}) == 2

    def test_pickle_round_trip(self) -> None:
        for money in (m("1234.50"), m("-7", "JPY"), m("0.125", "BHD")):
            copy = pickle.loads(pickle.dumps(money))
            assert copy == money
            assert copy.amount.as_tuple() == money.amount.as_tuple()


class TestMoneyArithmetic:
    def test_add_and_subtract_same_currency(self) -> None:
        assert m("10.50") + m("0.75") == m("11.25")
        assert m("10.50") - m("0.75") == m("9.75")
        assert m("1") - m("3") == m("-2")

    def test_full_precision_is_kept(self) -> None:
        assert (m("0.001") + m("0.002")).amount == Decimal("0.003")

    @pytest.mark.parametrize(
        "operation",
        [
            lambda a, b: a + b,
            lambda a, b: a - b,
            lambda a, b: a < b,
            lambda a, b: a <= b,
            lambda a, b: a > b,
            lambda a, b: a >= b,
        ],
    )
    def test_currency_mismatch(self, operation: object) -> None:
        with pytest.raises(CurrencyMismatchError, match="cannot combine EUR and USD amounts"):
            operation(m("1"), m("1", "USD"))  # type: ignore[operator]

    def test_currency_mismatch_is_a_vendorgov_error(self) -> None:
        assert issubclass(CurrencyMismatchError, VendorgovError)

    def test_equality_across_currencies_is_false_not_an_error(self) -> None:
        assert m("1") != m("1", "USD")

    def test_multiply_by_decimal_and_int(self) -> None:
        assert m("1234.50") * 3 == m("3703.50")
        assert 3 * m("1234.50") == m("3703.50")
        assert m("10.00") * Decimal("0.125") == m("1.25")
        assert Decimal("-2") * m("1.5") == m("-3.0")

    @pytest.mark.parametrize("factor", [1.5, True, "2", None])
    def test_multiply_by_float_bool_or_text_is_refused(self, factor: object) -> None:
        with pytest.raises(TypeError):
            m("1") * factor  # type: ignore[operator]
        with pytest.raises(TypeError):
            factor * m("1")  # type: ignore[operator]

    def test_multiply_by_money_is_refused(self) -> None:
        with pytest.raises(TypeError):
            m("1") * m("2")  # type: ignore[operator]

    def test_product_too_large_is_a_validation_error(self) -> None:
        with pytest.raises(ValidationError):
            m("999999999999999") * 2

    def test_adding_a_number_is_refused(self) -> None:
        with pytest.raises(TypeError):
            m("1") + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            1 + m("1")  # type: ignore[operator]
        with pytest.raises(TypeError):
            m("1") + Decimal(1)  # type: ignore[operator]

    def test_sum(self) -> None:
        assert sum([m("1.10"), m("2.20"), m("3.30")]) == m("6.60")
        assert sum([m("5", "JPY")]) == m("5", "JPY")
        assert sum([m("1.10")], Money.zero("EUR")) == m("1.10")

    def test_sum_of_mixed_currencies_raises(self) -> None:
        with pytest.raises(CurrencyMismatchError):
            sum([m("1"), m("1", "USD")])

    def test_negation_and_abs(self) -> None:
        assert -m("1.50") == m("-1.50")
        assert -m("-1.50") == m("1.50")
        assert abs(m("-1.50")) == m("1.50")

    def test_comparisons(self) -> None:
        assert m("1.00") < m("1.01")
        assert m("1.00") <= m("1.0")
        assert m("2") > m("1.99")
        assert m("2") >= m("2.00")
        assert not m("2") < m("2")
        assert max([m("1"), m("3"), m("2")]) == m("3")

    def test_ordering_against_a_number_is_a_type_error(self) -> None:
        with pytest.raises(TypeError):
            m("1") < 2  # type: ignore[operator]  # noqa: B015


class TestMoneyRounded:
    @pytest.mark.parametrize(
        ("amount", "currency", "expected"),
        [
            # EUR: 2 digits; a tie goes away from zero (half-up, as invoices do)
            ("2.345", "EUR", "2.35"),
            ("-2.345", "EUR", "-2.35"),
            ("10.005", "EUR", "10.01"),
            ("2.3449999", "EUR", "2.34"),
            ("-2.3449999", "EUR", "-2.34"),
            ("0.004", "EUR", "0.00"),
            ("1.2", "EUR", "1.20"),
            # JPY: no minor unit
            ("1234.5", "JPY", "1235"),
            ("-0.5", "JPY", "-1"),
            ("2.4999", "JPY", "2"),
            # BHD: 3 digits
            ("1.0005", "BHD", "1.001"),
            ("-1.0005", "BHD", "-1.001"),
            ("1.00049", "BHD", "1.000"),
            # CLF: 4 digits
            ("0.00005", "CLF", "0.0001"),
        ],
    )
    def test_half_up_to_minor_unit(self, amount: str, currency: str, expected: str) -> None:
        rounded = m(amount, currency).rounded()
        assert rounded.currency == currency
        assert str(rounded.amount) == expected  # value *and* number of digits

    def test_rounding_is_not_bankers(self) -> None:
        # Banker's rounding would give 0.02 for 0.025 and 0.04 for 0.045.
        assert m("0.025").rounded() == m("0.03")
        assert m("0.045").rounded() == m("0.05")

    def test_original_is_unchanged(self) -> None:
        money = m("2.345")
        money.rounded()
        assert money.amount == Decimal("2.345")


class TestMoneyAllocate:
    @staticmethod
    def texts(shares: tuple[Money, ...]) -> list[str]:
        return [str(share) for share in shares]

    def test_three_equal_parts(self) -> None:
        # 10000 cents / 3 = 3333.33 each; 1 cent left goes to the first share (tie)
        assert self.texts(m("100.00").allocate([1, 1, 1])) == [
            "33.34 EUR",
            "33.33 EUR",
            "33.33 EUR",
        ]

    def test_uneven_ratios(self) -> None:
        # 10000 cents by 3:2:1 → exact 5000, 3333.33.., 1666.66..; floors 5000+3333+1666
        # = 9999; the cent left goes to the largest remainder (.66 of the third share).
        assert self.texts(m("100.00").allocate([3, 2, 1])) == [
            "50.00 EUR",
            "33.33 EUR",
            "16.67 EUR",
        ]

    def test_decimal_ratios(self) -> None:
        # 1000 cents by 0.5:0.3:0.2 → 500, 300, 200 exactly
        assert self.texts(
            m("10.00").allocate([Decimal("0.5"), Decimal("0.3"), Decimal("0.2")])
        ) == [
            "5.00 EUR",
            "3.00 EUR",
            "2.00 EUR",
        ]

    def test_leftover_cents_go_to_the_earliest_on_ties(self) -> None:
        # 5 cents over 7 equal shares: each exact 0.714 cent, all floors 0,
        # 5 cents left go to the first five (equal remainders, earliest wins).
        assert self.texts(m("0.05").allocate([1] * 7)) == ["0.01 EUR"] * 5 + ["0.00 EUR"] * 2

    def test_zero_ratio_gets_nothing(self) -> None:
        assert self.texts(m("1.00").allocate([0, 1])) == ["0.00 EUR", "1.00 EUR"]

    def test_negative_amount(self) -> None:
        assert self.texts(m("-100.00").allocate([1, 1, 1])) == [
            "-33.34 EUR",
            "-33.33 EUR",
            "-33.33 EUR",
        ]

    def test_unrounded_amount_is_rounded_first(self) -> None:
        # 100.005 → 100.01 (half-up) = 10001 cents; 5000.5 each → 50.01 + 50.00
        assert self.texts(m("100.005").allocate([1, 1])) == ["50.01 EUR", "50.00 EUR"]

    def test_currency_without_minor_unit(self) -> None:
        assert self.texts(m("1000", "JPY").allocate([1, 1, 1])) == [
            "334 JPY",
            "333 JPY",
            "333 JPY",
        ]

    def test_three_digit_currency(self) -> None:
        # 1000 fils by 1:2 → 333.33.., 666.66..; floors 999; the fil left goes to
        # the second share (remainder .67 > .33)
        assert self.texts(m("1.000", "BHD").allocate([1, 2])) == ["0.333 BHD", "0.667 BHD"]

    def test_accepts_any_iterable(self) -> None:
        assert len(m("1.00").allocate(iter([1, 1]))) == 2

    def test_single_ratio_gets_everything(self) -> None:
        assert m("12.345").allocate([7]) == (m("12.35"),)

    def test_empty_ratios_are_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            m("1").allocate([])
        assert error_paths(info.value) == ["ratios"]

    def test_all_zero_ratios_are_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            m("1").allocate([0, Decimal(0)])
        assert error_paths(info.value) == ["ratios"]
        assert "positive" in info.value.errors[0].message

    def test_negative_ratio_is_refused(self) -> None:
        with pytest.raises(ValidationError) as info:
            m("1").allocate([2, -1, 1])
        assert error_paths(info.value) == ["ratios[1]"]
        assert info.value.errors[0].message == "must not be negative"

    def test_float_bool_and_text_ratios_are_refused_all_listed(self) -> None:
        with pytest.raises(ValidationError) as info:
            m("1").allocate([0.5, 1, True, "2"])  # type: ignore[list-item]
        assert error_paths(info.value) == ["ratios[0]", "ratios[2]", "ratios[3]"]

    @pytest.mark.parametrize("text", ["NaN", "sNaN", "Infinity"])
    def test_non_finite_ratio_is_refused(self, text: str) -> None:
        with pytest.raises(ValidationError):
            m("1").allocate([Decimal(1), Decimal(text)])

    @settings(max_examples=settings.default.max_examples * 4)  # scaled from the profile
    @given(
        units=st.integers(min_value=-(10**14), max_value=10**14),
        extra=st.integers(min_value=0, max_value=99),
        currency=st.sampled_from(["EUR", "JPY", "BHD", "CLF"]),
        ratios=st.lists(
            st.one_of(
                st.integers(min_value=0, max_value=10**6),
                st.decimals(min_value=0, max_value=10**6, places=3),
            ),
            min_size=1,
            max_size=8,
        ).filter(lambda ratios: sum(ratios) > 0),
    )
    def test_shares_add_up_and_stay_within_a_minor_unit(
        self, units: int, extra: int, currency: str, ratios: list[int | Decimal]
    ) -> None:
        quantum = Money.zero(currency).minor_unit
        # an amount with two more digits than the currency has, so rounding happens
        amount = Decimal(units) * quantum + Decimal(extra) * quantum / 100
        money = Money(amount, currency)
        shares = money.allocate(ratios)
        total = money.rounded().amount
        assert len(shares) == len(ratios)
        assert all(share.currency == currency for share in shares)
        assert sum(share.amount for share in shares) == total
        with localcontext() as context:
            context.prec = 80
            weight = sum(Decimal(r) for r in ratios)
            for share, ratio in zip(shares, ratios, strict=True):
                assert share.amount == share.amount.quantize(quantum)
                exact = total * Decimal(ratio) / weight
                assert abs(share.amount - exact) < quantum


class TestMoneyParse:
    @pytest.mark.parametrize(
        ("text", "amount", "currency"),
        [
            ("1234.50 EUR", "1234.50", "EUR"),
            ("-12 JPY", "-12", "JPY"),
            ("+0.125 BHD", "0.125", "BHD"),
            ("1_000.00 EUR", "1000.00", "EUR"),
            ("  7 USD  ", "7", "USD"),
        ],
    )
    def test_valid(self, text: str, amount: str, currency: str) -> None:
        parsed = Money.parse(text)
        assert parsed == Money(Decimal(amount), currency)
        assert str(parsed.amount) == amount

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "EUR",
            "12",
            "EUR 12",
            "12EUR",
            "12 eur",
            "12 EURO",
            "12.5.0 EUR",
            "NaN EUR",
            "Infinity EUR",
            ".5 EUR",
            "12,50 EUR",
            "12 EUR 3",
        ],
    )
    def test_bad_text_is_refused_at_the_root(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            Money.parse(text)
        assert error_paths(info.value) == [""]
        assert "like '1234.50 EUR'" in info.value.errors[0].message

    @pytest.mark.parametrize("value", [None, 12, Decimal("12"), b"12 EUR"])
    def test_non_text_is_refused(self, value: object) -> None:
        with pytest.raises(ValidationError):
            Money.parse(value)  # type: ignore[arg-type]

    def test_unknown_code(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money.parse("12 XXX")
        assert error_paths(info.value) == ["currency"]

    def test_too_large(self) -> None:
        with pytest.raises(ValidationError) as info:
            Money.parse("1000000000000000 EUR")
        assert error_paths(info.value) == ["amount"]

    @given(
        amount=st.decimals(
            min_value=-(10**14), max_value=10**14, places=4, allow_nan=False, allow_infinity=False
        ),
        currency=st.sampled_from(["EUR", "JPY", "BHD"]),
    )
    def test_str_round_trip(self, amount: Decimal, currency: str) -> None:
        money = Money(amount, currency)
        assert Money.parse(str(money)) == money
