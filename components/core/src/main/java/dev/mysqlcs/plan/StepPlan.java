package dev.mysqlcs.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the planner decided: the steps in order, notes worth showing, and the refusal that stops the plan after those
 * steps (safe steps before a refusal still run, e.g. fencing an invalidated cluster whose rejoin is refused).
 */
public record StepPlan(List<ClusterSetStep> steps, List<String> notes, Optional<UnsafeStepRefused> refusal) {

    public boolean converged() {
        return steps.isEmpty() && refusal.isEmpty();
    }

    public boolean mutates() {
        return steps.stream().anyMatch(ClusterSetStep::mutates);
    }

    /** One line per step, then the refusal: what {@code pulumi preview} shows as {@code plannedSteps}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.describe()));
        refusal.ifPresent(r -> out.add("REFUSED: " + r.getMessage()));
        return out;
    }

    static final class Builder {
        private final List<ClusterSetStep> steps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        Builder step(ClusterSetStep s) {
            steps.add(s);
            return this;
        }

        Builder note(String n) {
            notes.add(n);
            return this;
        }

        StepPlan done() {
            return new StepPlan(List.copyOf(steps), List.copyOf(notes), Optional.empty());
        }

        StepPlan refuse(String rule, String reason, String guidance) {
            return new StepPlan(
                    List.copyOf(steps), List.copyOf(notes), Optional.of(new UnsafeStepRefused(rule, reason, guidance)));
        }
    }
}
