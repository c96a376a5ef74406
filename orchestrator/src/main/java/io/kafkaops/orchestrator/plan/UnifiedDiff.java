package io.kafkaops.orchestrator.plan;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context) of two texts, for plan output against a baseline. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    public static String of(String fromName, String from, String toName, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        // longest common subsequence table, from the end
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        record Edit(char op, String line, int ai, int bi) {}
        List<Edit> edits = new ArrayList<>();
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) edits.add(new Edit(' ', a.get(i), i++, j++));
            // deletions before insertions, as GNU diff prints them
            else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) edits.add(new Edit('-', a.get(i), i++, j));
            else edits.add(new Edit('+', b.get(j), i, j++));
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < edits.size()) {
            if (edits.get(k).op() == ' ') { k++; continue; }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // extend the hunk while changes are within 2*CONTEXT of each other
            int lastChange = k;
            while (end < edits.size() && (edits.get(end).op() != ' ' || end - lastChange <= 2 * CONTEXT)) {
                if (edits.get(end).op() != ' ') lastChange = end;
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            int aStart = edits.get(start).ai(), bStart = edits.get(start).bi();
            int aLen = 0, bLen = 0;
            StringBuilder hunk = new StringBuilder();
            for (int h = start; h < end; h++) {
                Edit e = edits.get(h);
                if (e.op() != '+') aLen++;
                if (e.op() != '-') bLen++;
                hunk.append(e.op()).append(e.line()).append('\n');
            }
            if (out.isEmpty()) out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
            out.append("@@ -").append(aStart + (aLen > 0 ? 1 : 0)).append(',').append(aLen)
                    .append(" +").append(bStart + (bLen > 0 ? 1 : 0)).append(',').append(bLen).append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }
}
