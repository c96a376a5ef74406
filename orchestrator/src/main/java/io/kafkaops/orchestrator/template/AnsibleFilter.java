package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One filter under Ansible's name, its body a plain function of (value, args, kwargs). */
record AnsibleFilter(String name, Body body) implements AdvancedFilter {

    interface Body {
        Object apply(Object value, List<Object> args, Map<String, Object> kwargs);
    }

    @Override
    public String getName() { return name; }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        return body.apply(var, args == null ? List.of() : Arrays.asList(args), kwargs == null ? Map.of() : kwargs);
    }

    static Object arg(List<Object> args, Map<String, Object> kwargs, int index, String name, Object fallback) {
        if (kwargs.containsKey(name)) return kwargs.get(name);
        return index < args.size() ? args.get(index) : fallback;
    }
}
