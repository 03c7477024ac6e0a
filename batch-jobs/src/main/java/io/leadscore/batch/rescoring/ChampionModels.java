package io.leadscore.batch.rescoring;

import io.leadscore.batch.registry.ModelRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scoring models of rescoring runs, built once per model version and
 * threshold and shared by a run's partition threads (each partition's beans
 * are step-scoped; the job scope is not active on partition threads).
 */
class ChampionModels {
    private final ModelRegistry registry;
    private final Map<String, ChampionModel> built = new ConcurrentHashMap<>();

    ChampionModels(ModelRegistry registry) {
        this.registry = registry;
    }

    ChampionModel get(String version, double threshold) {
        return built.computeIfAbsent(version + "@" + threshold,
                key -> new ChampionModel(version, registry.artifact(version), threshold));
    }
}
