package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.SourceRef;

import io.kafkaops.orchestrator.BadInput;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host entry as Ansible reads it: an optional `:port` and host ranges such as `kafka[01:03]`,
 * `node-[a:c]` or `kafka[01:09:2]` (Ansible's parse_address + expand_hostname_range).
 */
public record HostPattern(List<String> hosts, Integer port) {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern BRACKETED_PORT = Pattern.compile("^\\[(.+)]:(\\d+)$");
    private static final Pattern HOST_PORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*])+):(\\d+)$");
    private static final Pattern VALID_HOST = Pattern.compile("^(?:[\\w.\\-]|\\[[^\\]]*])+$");

    public static HostPattern parse(String pattern, SourceRef at) {
        String host = pattern;
        Integer port = null;
        Matcher m = BRACKETED_PORT.matcher(pattern);
        if (m.matches() && !m.group(1).contains("]")) {
            host = m.group(1);
            port = portOf(m.group(2), pattern, at);
        } else if ((m = HOST_PORT.matcher(pattern)).matches() && VALID_HOST.matcher(m.group(1)).matches()) {
            host = m.group(1);
            port = portOf(m.group(2), pattern, at);
        }
        return new HostPattern(host.contains("[") ? expand(host, at) : List.of(host), port);
    }

    private static Integer portOf(String digits, String pattern, SourceRef at) {
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            throw bad(at, "port in host '" + pattern + "' is not a port number", "use host:PORT with PORT 1-65535");
        }
    }

    /** Expands the first [begin:end(:step)] range, then the rest recursively, as Ansible does. */
    public static List<String> expand(String line, SourceRef at) {
        int open = line.indexOf('[');
        int close = line.indexOf(']', open);
        if (close < 0) {
            throw bad(at, "host range in '" + line + "' has '[' but no closing ']'", "write ranges as name[01:03] or name[a:c]");
        }
        String head = line.substring(0, open);
        String range = line.substring(open + 1, close);
        String tail = line.substring(close + 1);
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw bad(at, "host range '" + line + "' must be begin:end or begin:end:step", "write e.g. kafka[01:03] or kafka[01:09:2]");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) throw bad(at, "host range '" + line + "' has no end value", "write e.g. kafka[01:03]");
        int step = 1;
        if (bounds.length == 3) {
            try {
                step = Integer.parseInt(bounds[2].strip());
            } catch (NumberFormatException e) {
                throw bad(at, "host range '" + line + "' has a step that is not a number",
                        "write the step as a whole number, e.g. kafka[01:09:2]");
            }
            if (step <= 0) throw bad(at, "host range '" + line + "' needs a positive step", "write e.g. kafka[01:09:2]");
        }
        boolean padded = beg.charAt(0) == '0' && beg.length() > 1;
        if (padded && beg.length() != end.length()) {
            throw bad(at, "host range '" + line + "' must specify equal-length begin and end formats",
                    "pad both ends to the same width, e.g. kafka[01:10]");
        }
        List<String> parts = new ArrayList<>();
        int iBeg = LETTERS.indexOf(beg);
        int iEnd = LETTERS.indexOf(end);
        if (iBeg >= 0 && iEnd >= 0) {
            if (iBeg > iEnd) throw bad(at, "host range '" + line + "' must have begin <= end", "swap the ends, e.g. node-[a:c]");
            for (int i = iBeg; i <= iEnd; i += step) parts.add(String.valueOf(LETTERS.charAt(i)));
        } else {
            long from;
            long to;
            try {
                from = Long.parseLong(beg.strip());
                to = Long.parseLong(end.strip());
            } catch (NumberFormatException e) {
                throw bad(at, "host range '" + line + "' mixes or misspells its bounds ('" + beg + "' to '" + end + "')",
                        "use two numbers (kafka[01:03]) or two letters (node-[a:c])");
            }
            // Ansible silently yields no host here; an empty range is always a typo, so refuse it
            if (from > to) throw bad(at, "host range '" + line + "' is empty: begin " + beg + " is after end " + end,
                    "write the smaller bound first, e.g. kafka[1:3]");
            for (long i = from; i <= to; i += step) {
                String s = Long.toString(i);
                parts.add(padded && s.length() < beg.length() ? "0".repeat(beg.length() - s.length()) + s : s);
            }
        }
        List<String> hosts = new ArrayList<>();
        for (String p : parts) {
            String name = head + p + tail;
            if (name.contains("[")) hosts.addAll(expand(name, at));
            else hosts.add(name);
        }
        return hosts;
    }

    private static BadInput bad(SourceRef at, String problem, String fix) {
        return new BadInput(InventoryData.file(at), InventoryData.line(at), problem, fix);
    }
}
