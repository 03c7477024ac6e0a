package io.leadscore.batch.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Registered models. */
public interface ModelRecords extends JpaRepository<ModelRecord, Long> {
    Optional<ModelRecord> findByVersion(String version);

    List<ModelRecord> findByStatus(ModelStatus status);

    List<ModelRecord> findAllByOrderByIdDesc();
}
