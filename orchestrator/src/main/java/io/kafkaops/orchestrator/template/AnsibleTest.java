package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;

import java.util.Arrays;
import java.util.List;

/** One Jinja test (`x is name(...)`) under Ansible's name. */
record AnsibleTest(String name, Body body) implements ExpTest {

    interface Body {
        boolean test(Object value, List<Object> args);
    }

    @Override
    public String getName() { return name; }

    @Override
    public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
        // jinjava hands `is t(a, b)` over as one tuple argument
        if (args != null && args.length == 1 && args[0] instanceof Object[] inner) args = inner;
        if (args != null && args.length == 1 && args[0] instanceof List<?> tuple) args = tuple.toArray();
        return body.test(var, args == null ? List.of() : Arrays.asList(args));
    }
}
