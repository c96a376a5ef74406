package io.kafkaops.orchestrator.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;

/** Pretty printing as Python's json.dumps(indent=4): `"key": value`, empty `{}` and `[]`. */
final class PythonJsonPrinter extends DefaultPrettyPrinter {
    PythonJsonPrinter() {
        super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        indentObjectsWith(four);
        indentArraysWith(four);
        withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        _objectFieldValueSeparatorWithSpaces = ": ";
    }

    private PythonJsonPrinter(PythonJsonPrinter base) {
        super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new PythonJsonPrinter(this);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        if (entries == 0) {
            _nesting--;
            g.writeRaw('}');
        } else {
            super.writeEndObject(g, entries);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        if (values == 0) {
            _nesting--;
            g.writeRaw(']');
        } else {
            super.writeEndArray(g, values);
        }
    }
}
