package io.leadscore.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The batch jobs alone, as the application wires them, for functional tests. */
@SpringBootApplication
public class BatchTestApplication {
}
