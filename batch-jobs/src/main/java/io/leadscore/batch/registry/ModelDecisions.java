package io.leadscore.batch.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The registry's decision log. */
public interface ModelDecisions extends JpaRepository<ModelDecision, Long> {
    List<ModelDecision> findByModelVersionOrderByIdAsc(String modelVersion);

    List<ModelDecision> findByDecisionOrderByIdDesc(String decision);

    List<ModelDecision> findAllByOrderByIdDesc();
}
