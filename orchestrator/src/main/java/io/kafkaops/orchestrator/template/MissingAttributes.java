package io.kafkaops.orchestrator.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;

/** jinjava's attribute lookup, telling the interpreter about `dict.key` misses (Jinja2 makes them Undefined). */
final class MissingAttributes extends ELResolver {
    private final ELResolver delegate;

    MissingAttributes(ELResolver delegate) { this.delegate = delegate; }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        Object value = delegate.getValue(context, base, property);
        if (value == null && base instanceof Map<?, ?> m && property instanceof String name && !m.containsKey(name)
                && JinjavaInterpreter.getCurrent() instanceof AnsibleInterpreter interpreter) {
            interpreter.missingAttribute(name);
        }
        return value;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) { return delegate.getType(context, base, property); }

    @Override
    public void setValue(ELContext context, Object base, Object property,
            Object value) { delegate.setValue(context, base, property, value); }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) { return delegate.isReadOnly(context, base, property); }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context,
            Object base) { return delegate.getFeatureDescriptors(context, base); }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) { return delegate.getCommonPropertyType(context, base); }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        return delegate.invoke(context, base, method, paramTypes, params);
    }
}
