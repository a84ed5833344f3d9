package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The optim / sched / clip handlers pass correct cases and explain failures (step, element, values). */
class TrainingCaseHandlersTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Conformance runner = new Conformance();

    private static String t(String data) {
        return "{\"shape\":[2],\"dtype\":\"float32\",\"data\":[" + data + "]}";
    }

    @Test
    void sgdCasePassesAndAWrongStepIsNamed() throws Exception {
        // p = [1, 2], g = [1, -1], lr 0.5 -> [0.5, 2.5] -> [0, 3]
        String good = "{\"id\":\"x/sgd\",\"op\":\"optim\",\"optimizer\":\"SGD\",\"kwargs\":{\"lr\":0.5},\"params\":"
                + t("1,2") + ",\"grads\":[" + t("1,-1") + "," + t("1,-1") + "],\"steps\":[" + t("0.5,2.5") + ","
                + t("0,3") + "],\"rtol\":1e-4,\"atol\":1e-6}";
        assertTrue(runner.run(json.readTree(good)).passed());
        CaseResult bad = runner.run(json.readTree(good.replace(t("0,3"), t("0,3.5"))));
        assertFalse(bad.passed());
        assertTrue(bad.detail().contains("step 2") && bad.detail().contains("[1]") && bad.detail().contains("3.5"),
                bad.detail());
    }

    @Test
    void unknownNamesAndKwargsFailWithTheReason() throws Exception {
        CaseResult r = runner.run(json.readTree("{\"id\":\"x/o\",\"op\":\"optim\",\"optimizer\":\"LBFGS\",\"kwargs\":{},"
                + "\"params\":" + t("1,2") + ",\"grads\":[],\"steps\":[]}"));
        assertTrue(r.line().contains("unknown optimizer 'LBFGS'"), r.line());
        r = runner.run(json.readTree("{\"id\":\"x/s\",\"op\":\"sched\",\"scheduler\":\"LambdaLR\",\"kwargs\":{},"
                + "\"base_lr\":0.1,\"lrs\":[0.1]}"));
        assertTrue(r.line().contains("unknown scheduler 'LambdaLR'"), r.line());
        r = runner.run(json.readTree("{\"id\":\"x/c\",\"op\":\"sched\",\"scheduler\":\"CyclicLR\",\"kwargs\":{\"max_lr\":1},"
                + "\"base_lr\":0.1,\"lrs\":[0.1]}"));
        assertTrue(r.line().contains("CyclicLR case lacks the required kwargs base_lr and max_lr"), r.line());
        r = runner.run(json.readTree("{\"id\":\"x/k\",\"op\":\"optim\",\"optimizer\":\"Adam\",\"kwargs\":{\"nadam\":true},"
                + "\"params\":" + t("1,2") + ",\"grads\":[],\"steps\":[]}"));
        assertTrue(r.line().contains("unsupported kwarg 'nadam'"), r.line());
    }

    @Test
    void clipGradValueClampsEveryGradient() throws Exception {
        String c = "{\"id\":\"x/v\",\"op\":\"clip_grad_value\",\"kwargs\":{\"clip_value\":0.5},\"grads\":["
                + t("1,-2") + "," + t("0.25,-0.5") + "],\"clipped\":[" + t("0.5,-0.5") + "," + t("0.25,-0.5") + "]}";
        assertTrue(runner.run(json.readTree(c)).passed());
        CaseResult bad = runner.run(json.readTree(c.replace("0.5,-0.5", "1,-0.5")));
        assertFalse(bad.passed());
        assertTrue(bad.detail().contains("clipped grad 0"), bad.detail());
    }

    @Test
    void scheduleMismatchNamesTheStep() throws Exception {
        CaseResult r = runner.run(json.readTree("{\"id\":\"x/e\",\"op\":\"sched\",\"scheduler\":\"ExponentialLR\","
                + "\"kwargs\":{\"gamma\":0.5},\"base_lr\":1.0,\"lrs\":[0.5,0.25,0.2],\"rtol\":1e-6,\"atol\":1e-9}"));
        assertFalse(r.passed());
        assertTrue(r.detail().contains("call 3") && r.detail().contains("0.2"), r.detail());
    }

    @Test
    void clipCaseWithInfinityNorm() throws Exception {
        String c = "{\"id\":\"x/c\",\"op\":\"clip_grad_norm\",\"kwargs\":{\"max_norm\":1.0,\"norm_type\":\"inf\"},"
                + "\"grads\":[" + t("2,-4") + "],\"clipped\":[" + t("0.5,-1") + "],\"total_norm\":4.0,"
                + "\"rtol\":1e-5,\"atol\":1e-6}";
        CaseResult r = runner.run(json.readTree(c));
        assertTrue(r.passed(), r.line());
    }
}
