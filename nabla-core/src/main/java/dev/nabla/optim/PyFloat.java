package dev.nabla.optim;

import java.math.BigDecimal;

/**
 * Formats doubles as Python's {@code repr} does ({@code 1e-08}, {@code -1.0}, {@code 0.0001}), so
 * argument errors read exactly like torch's, e.g. {@code Invalid epsilon value: 1e-08}.
 */
public final class PyFloat {
    private PyFloat() {
    }

    /** Python's {@code repr(float(x))}: the shortest round-tripping digits, scientific outside [1e-4, 1e16). */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        // Java's Double.toString yields the shortest digits that round-trip; only the layout differs.
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp10 = digits.length() - 1 - d.scale(); // exponent of the first digit
        if (exp10 < -4 || exp10 >= 16) {
            return sci(x, digits, exp10);
        }
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        if (exp10 < 0) {
            sb.append("0.").append("0".repeat(-exp10 - 1)).append(digits);
        } else if (digits.length() <= exp10 + 1) {
            sb.append(digits).append("0".repeat(exp10 + 1 - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, exp10 + 1).append('.').append(digits, exp10 + 1, digits.length());
        }
        return sb.toString();
    }

    private static String sci(double x, String digits, int exp10) {
        StringBuilder sb = new StringBuilder(x < 0 ? "-" : "");
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp10 < 0 ? '-' : '+');
        int a = Math.abs(exp10);
        if (a < 10) {
            sb.append('0');
        }
        return sb.append(a).toString();
    }
}
