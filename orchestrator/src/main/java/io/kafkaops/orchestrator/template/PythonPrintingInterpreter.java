package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

import java.util.Collection;
import java.util.Map;

/** Prints `{{ value }}` as Python's str() would (True, None, ['a'], {'k': [{'x': 1}]}), as Ansible does. */
final class PythonPrintingInterpreter extends JinjavaInterpreter {

    PythonPrintingInterpreter(Jinjava jinjava, Context context, JinjavaConfig config) { super(jinjava, context, config); }

    PythonPrintingInterpreter(JinjavaInterpreter orig) { super(orig); }

    @Override
    public String getAsString(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number
                || value instanceof Map || value instanceof Collection) {
            return PythonValues.str(value);
        }
        return super.getAsString(value);
    }

    /** Makes jinjava create this interpreter for every render, nested ones included. */
    record Factory() implements InterpreterFactory {
        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) { return new PythonPrintingInterpreter(orig); }

        @Override
        public JinjavaInterpreter newInstance(Jinjava jinjava, Context context, JinjavaConfig config) {
            return new PythonPrintingInterpreter(jinjava, context, config);
        }
    }
}
