package dev.mysqlcs.provider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link ProgressLog} that keeps its lines, for tests that assert what a run said (or that it warned of nothing). */
final class RecordingLog implements ProgressLog {

    private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    List<String> infos() {
        synchronized (infos) {
            return List.copyOf(infos);
        }
    }

    List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    void clear() {
        infos.clear();
        warnings.clear();
    }
}
