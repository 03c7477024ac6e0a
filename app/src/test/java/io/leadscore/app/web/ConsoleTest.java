package io.leadscore.app.web;

import io.leadscore.app.LeadscoreApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The web application on a seeded in-memory store ({@link SeededStore}), on a
 * random port, with one configured user per role and an ops token. Every test
 * class with this annotation shares one application context, so the store is
 * generated, imported, trained and rescored once for the whole suite; tests
 * that change it (promote, restart, change the policy) leave it as they found
 * it or assert relative to what is there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = LeadscoreApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:leadscore-console-test;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa",
                "leadscore.rescore.grid-size=2",
                // the scheduler runs as under 'serve', on schedules that do not fire while the suite runs
                "leadscore.scheduler.enabled=true",
                "leadscore.schedule.rescore=0 0 2 1 1 *",
                "leadscore.schedule.sla-check=0 30 2 1 1 *",
                "leadscore.schedule.zone=UTC",
                "logging.level.root=WARN",
                "logging.level.io.leadscore=WARN",
                "logging.level.io.leadscore.app=INFO",
                "leadscore.users[0].name=" + TestUsers.OPS,
                "leadscore.users[0].password-hash=$2a$04$ZwUG.bUOSx./Cs7VsoL7MeZfZtryzEbmBMqyHqkRcoNYCrAfzvp0.",
                "leadscore.users[0].roles=ops",
                "leadscore.users[1].name=" + TestUsers.LEADERSHIP,
                "leadscore.users[1].password-hash=$2a$04$VUlHgSm59AJdU9IB3yHR3u4o7jxNjBKSAgSKm4VrPZmf6z..lm.tK",
                "leadscore.users[1].roles=leadership",
                "leadscore.users[2].name=" + TestUsers.DATA,
                "leadscore.users[2].password-hash={bcrypt}$2a$04$uTjkj.PiDtIaXkE6W0NwDOW9pLJLflcQtetsvTchI2u7jitS1Nrim",
                "leadscore.users[2].roles=data",
                "leadscore.users[3].name=" + TestUsers.ADMIN,
                "leadscore.users[3].password-hash=$2a$04$I57RffzK5Kv1hfGj8I9ZsOi7eq04U1NghtAOnDcwS4Ck6t6jNDExu",
                "leadscore.users[3].roles=admin",
                "leadscore.tokens[0].name=" + TestUsers.OPS_TOKEN_NAME,
                "leadscore.tokens[0].token-hash=9155429f9a121298022bb59f33549eec9d72f187aad71043158ebc5af4e6b745",
                "leadscore.tokens[0].roles=ops",
                "leadscore.users[4].name=" + TestUsers.SALES,
                "leadscore.users[4].password-hash=$2a$04$/1PzNMAEHZEnWAwPSBs/keOemFU3en2UCxkBytUrI3PgKqtBQzwSm",
                "leadscore.users[4].roles=sales",
                "leadscore.tokens[1].name=" + TestUsers.INGEST_TOKEN_NAME,
                "leadscore.tokens[1].token-hash=80aea3c51f9dfc788c290205baf54087457320342cee1b2d2656dbf67ccf4691",
                "leadscore.tokens[1].roles=ingest"})
@AutoConfigureMockMvc
@Import(SeededStore.class)
public @interface ConsoleTest {
}
