package dev.nabla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.conformance.CaseResult;
import dev.nabla.conformance.Conformance;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code nabla conformance FILE...}: runs PyTorch reference cases and prints PASS/FAIL per case. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run PyTorch reference cases (JSON lines) against Nabla; exits 1 if any fails.")
final class ConformanceCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "conformance files in the shared format")
    List<Path> files;

    @Override
    public Integer call() {
        Conformance runner = new Conformance();
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            List<JsonNode> cases;
            try {
                cases = Conformance.readCases(f);
            } catch (RuntimeException e) {
                System.out.println("FAIL " + f + ": " + e.getMessage());
                failed++;
                continue;
            }
            for (JsonNode c : cases) {
                CaseResult r = runner.run(c);
                System.out.println(r.line());
                if (r.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
