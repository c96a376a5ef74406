package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * YAML as Ansible loads it (PyYAML SafeLoader, YAML 1.1: `yes` is true, `1e3` stays a string),
 * with `!vault` values kept as {@link VaultValue} and the line of every mapping key remembered.
 */
final class AnsibleYaml {
    private AnsibleYaml() {}

    /** A loaded document plus the 1-based line of each key and the keys written twice, per mapping (by identity). */
    record Document(Object root, Map<Object, Map<Object, Integer>> keyLines, Map<Object, List<Duplicate>> duplicates) {
        Integer line(Object map, Object key) {
            Map<Object, Integer> lines = keyLines.get(map);
            return lines == null ? null : lines.get(key);
        }
    }

    /**
     * A key written again in one mapping (a '<<' merge counts, as in PyYAML): the last value is kept, and Ansible warns with
     * {@code ansibleWarning}.
     */
    record Duplicate(Object key, Integer firstLine, Integer lastLine, boolean sameValue, String ansibleWarning) {}

    static Document load(Path file) {
        String text = InventoryFiles.read(file);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                    new DumperOptions(), options, new PyYamlResolver());
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new BadInput(file, mark == null ? null : mark.getLine() + 1,
                    "malformed YAML: " + problem + (e.getContext() != null ? " (" + e.getContext() + ")" : ""),
                    "fix the YAML syntax at this line (indentation, ':' after keys, closed quotes and brackets)");
        } catch (YAMLException e) {
            throw new BadInput(file.toString(), null, "malformed YAML: " + e.getMessage(), "fix the YAML syntax");
        }
        Map<Object, Map<Object, Integer>> lines = new IdentityHashMap<>();
        Map<Object, List<Duplicate>> duplicates = new IdentityHashMap<>();
        Object value = root == null ? null : new Converter(file, lines, duplicates).convert(root, null);
        return new Document(value, lines, duplicates);
    }

    private static final Pattern TIMESTAMP = Pattern.compile(
            "^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9]{2}))?))?)?$");

    private record Converter(Path file, Map<Object, Map<Object, Integer>> lines, Map<Object, List<Duplicate>> duplicates) {
        Object convert(Node node, String variable) {
            if (node instanceof ScalarNode s) return scalar(s, variable);
            if (node instanceof SequenceNode seq) {
                List<Object> list = new ArrayList<>();
                for (Node item : seq.getValue()) list.add(convert(item, variable));
                return list;
            }
            MappingNode mapping = (MappingNode) node;
            Map<Object, Object> map = new LinkedHashMap<>();
            Map<Object, Integer> keyLines = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) merge(t.getValueNode(), map, keyLines, variable);
            }
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode().getTag().equals(Tag.MERGE)) continue;
                Object key = convert(t.getKeyNode(), variable);
                if (key instanceof List || key instanceof Map) {
                    throw new BadInput(file, line(t.getKeyNode()), "a list or mapping cannot be a YAML key here",
                            "use a plain name as the key");
                }
                Object value = convert(t.getValueNode(), key == null ? null : String.valueOf(key));
                if (map.containsKey(key)) {
                    // Python's dict keeps the first key's place and takes the last value
                    Mark start = mapping.getStartMark();
                    String warning = "While constructing a mapping from " + file.toAbsolutePath() + ", line " + (start.getLine() + 1)
                            + ", column " + (start.getColumn() + 1) + ", found a duplicate dict key (" + key + ")."
                            + " Using last defined value only.";
                    duplicates.computeIfAbsent(map, m -> new ArrayList<>()).add(new Duplicate(key, keyLines.get(key),
                            line(t.getKeyNode()), Objects.equals(map.get(key), value), warning));
                }
                map.put(key, value);
                keyLines.put(key, line(t.getKeyNode()));
            }
            lines.put(map, keyLines);
            return map;
        }

        private void merge(Node value, Map<Object, Object> into, Map<Object, Integer> keyLines, String variable) {
            List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node source : sources) {
                if (!(convert(source, variable) instanceof Map<?, ?> m)) {
                    throw new BadInput(file, line(source), "'<<' merge key needs a mapping or a list of mappings",
                            "merge an anchored mapping, e.g. <<: *defaults");
                }
                m.forEach((k, v) -> {
                    if (!into.containsKey(k)) into.put(k, v);
                });
                Map<Object, Integer> sourceLines = lines.get(m);
                if (sourceLines != null) sourceLines.forEach(keyLines::putIfAbsent);
            }
        }

        private Object scalar(ScalarNode s, String variable) {
            String v = s.getValue();
            String tag = s.getTag().getValue();
            return switch (tag) {
                case "!vault", "!vault-encrypted" -> new VaultValue(variable, v, new SourceRef(file, line(s)));
                case "!unsafe" -> new UnsafeText(v);
                case "tag:yaml.org,2002:str", "tag:yaml.org,2002:binary" -> v;
                case "tag:yaml.org,2002:timestamp" -> timestamp(v, s);
                case "tag:yaml.org,2002:null" -> null;
                case "tag:yaml.org,2002:bool" -> switch (v.toLowerCase()) {
                    case "yes", "true", "on" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
                case "tag:yaml.org,2002:int" -> integer(v, s);
                case "tag:yaml.org,2002:float" -> floating(v);
                default -> throw new BadInput(file, line(s), "unknown YAML tag " + tag,
                        "remove the tag or use one Ansible knows (!vault, !unsafe)");
            };
        }

        /** PyYAML builds a date/datetime; Ansible prints it with isoformat(), which is what we keep. */
        private String timestamp(String text, ScalarNode s) {
            Matcher m = TIMESTAMP.matcher(text);
            try {
                if (!m.matches()) throw new DateTimeException(text);
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                if (m.group(4) == null) return date.toString();
                String fraction = m.group(7) == null ? "" : (m.group(7) + "000000").substring(0, 6);
                LocalTime time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)), fraction.isEmpty() ? 0 : Integer.parseInt(fraction) * 1000);
                String iso = date + "T" + String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond())
                        + (time.getNano() == 0 ? "" : String.format(".%06d", time.getNano() / 1000));
                if (m.group(9) != null) {
                    int minutes = Integer.parseInt(m.group(10)) * 60 + (m.group(11) == null ? 0 : Integer.parseInt(m.group(11)));
                    return iso + m.group(9) + String.format("%02d:%02d", minutes / 60, minutes % 60);
                }
                return m.group(8) != null ? iso + "+00:00" : iso;
            } catch (DateTimeException e) {
                throw new BadInput(file, line(s), "invalid YAML timestamp '" + text + "'", "quote the value if it is text");
            }
        }

        private Object integer(String text, ScalarNode s) {
            String v = text.replace("_", "");
            int sign = 1;
            if (v.startsWith("-")) {
                sign = -1;
                v = v.substring(1);
            } else if (v.startsWith("+")) {
                v = v.substring(1);
            }
            BigInteger value;
            try {
                if (v.equals("0")) value = BigInteger.ZERO;
                else if (v.startsWith("0b")) value = new BigInteger(v.substring(2), 2);
                else if (v.startsWith("0x")) value = new BigInteger(v.substring(2), 16);
                else if (v.startsWith("0")) value = new BigInteger(v.substring(1), 8);
                else if (v.contains(":")) value = BigInteger.valueOf(sexagesimal(v).longValue());
                else value = new BigInteger(v);
            } catch (NumberFormatException e) {
                throw new BadInput(file, line(s), "invalid YAML integer '" + text + "'", "quote the value if it is text");
            }
            value = sign < 0 ? value.negate() : value;
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        private Object floating(String text) {
            String v = text.replace("_", "").toLowerCase();
            double sign = 1;
            if (v.startsWith("-")) {
                sign = -1;
                v = v.substring(1);
            } else if (v.startsWith("+")) {
                v = v.substring(1);
            }
            if (v.equals(".inf")) return sign * Double.POSITIVE_INFINITY;
            if (v.equals(".nan")) return Double.NaN;
            if (v.contains(":")) return sign * sexagesimal(v).doubleValue();
            return sign * Double.parseDouble(v);
        }

        private static Number sexagesimal(String v) {
            double value = 0;
            for (String part : v.split(":")) value = value * 60 + Double.parseDouble(part);
            return value;
        }

        private static Integer line(Node n) {
            return n.getStartMark() == null ? null : n.getStartMark().getLine() + 1;
        }
    }

    /** PyYAML's implicit resolvers (YAML 1.1), in PyYAML's order. */
    private static final class PyYamlResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, Pattern.compile(
                    "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"), "yYnNtTfFoO");
            addImplicitResolver(Tag.FLOAT, Pattern.compile(
                    "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
                    "-+0123456789.");
            addImplicitResolver(Tag.INT, Pattern.compile(
                    "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"), "-+0123456789");
            addImplicitResolver(Tag.TIMESTAMP, Pattern.compile(
                    "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                            + ":[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)$"), "0123456789");
            addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
            // PyYAML resolves a bare '=' to a tag it cannot construct: Ansible refuses it too
            addImplicitResolver(new Tag("tag:yaml.org,2002:value"), Pattern.compile("^(?:=)$"), "=");
            addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| )$"), "~nN\0");
            addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
        }
    }
}
