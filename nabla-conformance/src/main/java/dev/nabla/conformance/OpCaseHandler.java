package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.tensor.Tensor;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs an op case: builds the inputs, calls the adapter, compares the outputs, then backpropagates
 * {@code sum(output * grad_output)} and compares the gradients of every input in requires_grad.
 */
final class OpCaseHandler implements CaseHandler {
    private final OpRegistry registry;

    OpCaseHandler(OpRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CaseResult run(String id, JsonNode c) {
        String op = c.path("op").asText();
        OpAdapter adapter = registry.adapter(op);
        if (adapter == null) {
            return CaseResult.fail(id, "unknown op '" + op + "'");
        }
        double rtol = c.path("rtol").asDouble(1e-4);
        double atol = c.path("atol").asDouble(1e-5);
        Set<String> needGrad = new HashSet<>();
        c.path("requires_grad").forEach(n -> needGrad.add(n.asText()));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        // A plain number or string among the inputs (e.g. add's other=2.5) is an argument like a kwarg.
        com.fasterxml.jackson.databind.node.ObjectNode kwargs = c.get("kwargs") instanceof
                com.fasterxml.jackson.databind.node.ObjectNode o ? o.deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!JsonTensors.isTensor(e.getValue())) {
                if (e.getValue().isValueNode() && !kwargs.has(e.getKey())) {
                    kwargs.set(e.getKey(), e.getValue());
                }
                continue;
            }
            Tensor t = JsonTensors.toTensor(e.getValue());
            if (needGrad.contains(e.getKey())) {
                t.requiresGrad(true);
            }
            inputs.put(e.getKey(), t);
        }
        for (String name : needGrad) {
            if (!inputs.containsKey(name)) {
                return CaseResult.fail(id, "requires_grad names '" + name + "', which is not an input");
            }
        }
        Map<String, Tensor> outputs;
        try {
            outputs = adapter.run(inputs, new Kwargs(kwargs));
        } catch (RuntimeException ex) {
            return CaseResult.fail(id, "op threw " + ex);
        }
        Map<String, Tensor> expected = named(c.get("output"));
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            String why = Compare.mismatch("output '" + e.getKey() + "'", e.getValue(), outputs.get(e.getKey()), rtol, atol);
            if (why != null) {
                return CaseResult.fail(id, why);
            }
        }
        if (needGrad.isEmpty()) {
            return CaseResult.pass(id);
        }
        Map<String, Tensor> gradOut = named(c.get("grad_output"));
        Tensor total = null;
        try {
            for (Map.Entry<String, Tensor> e : gradOut.entrySet()) {
                Tensor out = outputs.get(e.getKey());
                if (out == null) {
                    return CaseResult.fail(id, "grad_output names '" + e.getKey() + "', which the op did not return");
                }
                if (!out.requiresGrad()) {
                    continue;
                }
                Tensor term = out.mul(e.getValue()).sum();
                total = total == null ? term : total.add(term);
            }
            if (total == null) {
                return CaseResult.fail(id, "no output requires grad, so no gradient can be checked");
            }
            total.backward();
        } catch (RuntimeException ex) {
            return CaseResult.fail(id, "backward threw " + ex);
        }
        Map<String, Tensor> grads = named(c.get("grads"));
        java.util.List<String> zeroRecorded = new java.util.ArrayList<>();
        int matched = 0;
        for (String name : needGrad) {
            Tensor exp = grads.get(name);
            if (exp == null) {
                continue;
            }
            Tensor actual = inputs.get(name).grad();
            if (actual == null) {
                actual = Tensor.zeros(inputs.get(name).shape());
            }
            String why = Compare.mismatch("grad of '" + name + "'", exp, actual, rtol, atol);
            if (why == null) {
                matched++;
            } else if (allZero(exp) && java.util.Arrays.equals(exp.shape(), actual.shape())) {
                zeroRecorded.add(name);
            } else {
                return CaseResult.fail(id, why);
            }
        }
        if (!zeroRecorded.isEmpty()) {
            // An all-zero expected gradient for a parameter that the outputs depend on means the case was
            // made with gradients taken from tensors outside torch's graph (e.g. weights copied into a
            // module). Report it as the reference's defect, with what could still be checked.
            return CaseResult.fail(id, "reference defect: the case records all-zero gradients for "
                    + String.join(", ", zeroRecorded.stream().sorted().toList())
                    + " although the outputs depend on them (ours are non-zero); every output and the other "
                    + matched + " gradients match");
        }
        return CaseResult.pass(id);
    }

    private static boolean allZero(Tensor t) {
        for (float v : t.toFloatArray()) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }

    /** A tensor node becomes {"output": t}; an object of tensors becomes its entries. */
    static Map<String, Tensor> named(JsonNode n) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (JsonTensors.isTensor(n)) {
            out.put("output", JsonTensors.toTensor(n));
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (JsonTensors.isTensor(e.getValue())) {
                out.put(e.getKey(), JsonTensors.toTensor(e.getValue()));
            }
        });
        return out;
    }
}
