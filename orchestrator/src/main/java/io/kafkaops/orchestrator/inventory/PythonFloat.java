package io.kafkaops.orchestrator.inventory;

import java.math.BigDecimal;

/** Python's float repr, which both str() and json.dumps print: shortest digits, plain between 1e-4 and 1e16, else 1e+16 style. */
public final class PythonFloat {
    private PythonFloat() {}

    public static String repr(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(d));
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = bd.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal unscaled = bd.stripTrailingZeros();
        String digits = unscaled.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - unscaled.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
