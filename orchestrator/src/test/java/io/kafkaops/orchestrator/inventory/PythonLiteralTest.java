package io.kafkaops.orchestrator.inventory;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected values checked against python3 -c 'import ast; print(repr(ast.literal_eval(...)))'. */
class PythonLiteralTest {

    static Object eval(String s) {
        return PythonLiteral.parseOrKeep(s);
    }

    @Test
    void booleansAndNoneAreCapitalisedOnly() {
        assertThat(eval("False")).isEqualTo(false);
        assertThat(eval("True")).isEqualTo(true);
        assertThat(eval("None")).isNull();
        assertThat(eval("yes")).isEqualTo("yes");
        assertThat(eval("true")).isEqualTo("true");
        assertThat(eval("no")).isEqualTo("no");
    }

    @Test
    void numbers() {
        assertThat(eval("42")).isEqualTo(42L);
        assertThat(eval("-5")).isEqualTo(-5L);
        assertThat(eval("+7")).isEqualTo(7L);
        assertThat(eval("2.10")).isEqualTo(2.1);
        assertThat(eval("0x1F")).isEqualTo(31L);
        assertThat(eval("0o17")).isEqualTo(15L);
        assertThat(eval("0b101")).isEqualTo(5L);
        assertThat(eval("1_000")).isEqualTo(1000L);
        assertThat(eval("1e3")).isEqualTo(1000.0);
        assertThat(eval(".5")).isEqualTo(0.5);
        assertThat(eval("5.")).isEqualTo(5.0);
        assertThat(eval("123456789012345678901234567890")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void notLiteralsStayText() {
        assertThat(eval("010")).isEqualTo("010");
        assertThat(eval("3.9.2")).isEqualTo("3.9.2");
        assertThat(eval("hello world")).isEqualTo("hello world");
        assertThat(eval("[1, 2,")).isEqualTo("[1, 2,");
        assertThat(eval("/opt/kafka")).isEqualTo("/opt/kafka");
        assertThat(eval("http://x:9092")).isEqualTo("http://x:9092");
        assertThat(eval("1_")).isEqualTo("1_");
        assertThat(eval("--5")).isEqualTo("--5");
        assertThat(eval("{{ x }}")).isEqualTo("{{ x }}");
        assertThat(eval("")).isEqualTo("");
    }

    @Test
    void stringsAreUnquotedAndConcatenated() {
        assertThat(eval("\"42\"")).isEqualTo("42");
        assertThat(eval("'single'")).isEqualTo("single");
        assertThat(eval("'a' 'b'")).isEqualTo("ab");
        assertThat(eval("u'x'")).isEqualTo("x");
        assertThat(eval("r'\\d+'")).isEqualTo("\\d+");
        assertThat(eval("\"tab\\there\"")).isEqualTo("tab\there");
        assertThat(eval("'''tri'''")).isEqualTo("tri");
    }

    @Test
    void containersAndComments() {
        assertThat(eval("[1, 'x', None]")).isEqualTo(java.util.Arrays.asList(1L, "x", null));
        assertThat(eval("(1,)")).isEqualTo(List.of(1L));
        assertThat(eval("(1)")).isEqualTo(1L);
        assertThat(eval("{'k': 1, 'n': [2.5]}")).isEqualTo(Map.of("k", 1L, "n", List.of(2.5)));
        assertThat(eval("42 # trailing comment")).isEqualTo(42L);
        assertThat(eval("hello # comment")).isEqualTo("hello # comment");
        assertThat(eval("{}")).isEqualTo(Map.of());
        assertThat(eval("True,")).isEqualTo(List.of(true));
        assertThat(eval("1, 'a'")).isEqualTo(List.of(1L, "a"));
        assertThat(eval("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    /** Rendered template text, checked against Ansible 2.14's ansible_eval_concat on the same text. */
    @Test
    void renderedTextKeepsSetsAndTuplesAsText() {
        PythonLiteral.Containers rendered = PythonLiteral.Containers.LISTS_AND_DICTS;
        assertThat(PythonLiteral.parseOrKeep("[9092, 1]", rendered)).isEqualTo(List.of(9092L, 1L));
        assertThat(PythonLiteral.parseOrKeep("[True, None]", rendered)).isEqualTo(java.util.Arrays.asList(true, null));
        assertThat(PythonLiteral.parseOrKeep("{'a': 1,}", rendered)).isEqualTo(Map.of("a", 1L));
        assertThat(PythonLiteral.parseOrKeep("[(1)]", rendered)).isEqualTo(List.of(1L));
        assertThat(PythonLiteral.parseOrKeep("[1] # c", rendered)).isEqualTo(List.of(1L));
        assertThat(PythonLiteral.parseOrKeep("[u'a', 'b' 'c', 0x10, -  1]", rendered)).isEqualTo(List.of("a", "bc", 16L, -1L));
        assertThat(PythonLiteral.parseOrKeep("['\\x41\\101']", rendered)).isEqualTo(List.of("AA"));
        assertThat(PythonLiteral.parseOrKeep("[010]", rendered)).isEqualTo("[010]");
        assertThat(PythonLiteral.parseOrKeep("[1_]", rendered)).isEqualTo("[1_]");
        // Ansible makes a set and a tuple here; we have no Java value that prints back as {1, 2} or ([1], [2])
        assertThat(PythonLiteral.parseOrKeep("{1, 2}", rendered)).isEqualTo("{1, 2}");
        assertThat(PythonLiteral.parseOrKeep("[1], [2]", rendered)).isEqualTo("[1], [2]");
        assertThat(PythonLiteral.parseOrKeep("[(1, 2)]", rendered)).isEqualTo("[(1, 2)]");
        assertThat(eval("{1, 2}")).isEqualTo(new java.util.LinkedHashSet<>(List.of(1L, 2L)));
    }
}
