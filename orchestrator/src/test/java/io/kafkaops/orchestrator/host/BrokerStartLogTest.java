package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.gate.LogRecovery;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class BrokerStartLogTest {

    @Test
    void kafka21WritesItsVersionWithASpaceBeforeTheColon() {
        BrokerStartLog log = BrokerStartLog.parse("""
                startlog.lines=412
                startlog.version=[2026-11-25 23:05:58,101] INFO Kafka version : 2.1.1 (org.apache.kafka.common.utils.AppInfoParser)
                startlog.loading=1
                startlog.loaded=3
                startlog.done=2
                """);
        assertThat(log.version()).contains("2.1.1");
        assertThat(log.recovery()).isEmpty();
        assertThat(log.lines()).isEqualTo(412);
    }

    @Test
    void aBrokerStillLoadingItsLogsIsRecoveringWithACountThatShowsProgress() {
        BrokerStartLog early = BrokerStartLog.parse("startlog.lines=90\nstartlog.version=\nstartlog.loading=1\nstartlog.loaded=120\nstartlog.done=0\n");
        BrokerStartLog later = BrokerStartLog.parse("startlog.lines=95\nstartlog.version=\nstartlog.loading=1\nstartlog.loaded=480\nstartlog.done=0\n");
        assertThat(early.version()).isEmpty();
        assertThat(early.recovery()).isPresent();
        assertThat(later.recovery().orElseThrow().advancedSince(early.recovery().orElseThrow())).isTrue();
        assertThat(early.recovery().orElseThrow().advancedSince(later.recovery().orElseThrow())).isFalse();
        assertThat(later.recovery().orElseThrow().describe()).isEqualTo("recovering its logs (480 logs loaded so far)");
    }

    @Test
    void kafka26AndLaterWriteTheVersionWithoutTheSpace() {
        BrokerStartLog log = BrokerStartLog.parse("startlog.lines=3\nstartlog.version=[2026-11-25 23:30:01,004] INFO Kafka version: 2.6.3 "
                + "(org.apache.kafka.common.utils.AppInfoParser)\nstartlog.loading=0\nstartlog.loaded=0\nstartlog.done=1\n");
        assertThat(log.version()).contains("2.6.3");
    }

    @Test
    void noJournalLinesMeansNothingToJudgeNotAnError() {
        assertThat(BrokerStartLog.parse("link=/usr/local/kafka_2.12-2.1.1\nactive=active\n")).isEqualTo(BrokerStartLog.NOTHING);
        assertThat(BrokerStartLog.parse("startlog.lines=\nstartlog.version=\n").lines()).isZero();
    }

    @Test
    void stalledLoadingIsNotProgress() {
        LogRecovery a = LogRecovery.loaded(10);
        assertThat(LogRecovery.loaded(10).advancedSince(a)).isFalse();
        assertThat(LogRecovery.unknownProgress().advancedSince(a)).isFalse();
    }

    /** The awk program against real start-up logs of the shipped 2.1.1 broker, where awk exists. */
    @Test
    void theHostCommandReadsARealStartUpLog() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/awk"))).isTrue();
        Path journal = Files.createTempFile("kafka-start", ".log");
        Files.writeString(journal, """
                [2026-11-25 23:05:57,000] INFO Loading logs. (kafka.log.LogManager)
                [2026-11-25 23:05:57,100] INFO [Log partition=lab-proof-2, dir=/var/lib/kafka] Completed load of log with 1 segments, log start offset 0 and log end offset 0 in 37 ms (kafka.log.Log)
                [2026-11-25 23:05:57,200] INFO [Log partition=lab-proof-1, dir=/var/lib/kafka] Completed load of log with 1 segments, log start offset 0 and log end offset 0 in 12 ms (kafka.log.Log)
                [2026-11-25 23:05:57,300] INFO Logs loading complete in 300 ms. (kafka.log.LogManager)
                [2026-11-25 23:05:58,101] INFO Kafka version : 2.1.1 (org.apache.kafka.common.utils.AppInfoParser)
                [2026-11-25 23:05:58,102] INFO [KafkaServer id=1] started (kafka.server.KafkaServer)
                """);
        // the same awk program, fed from a file instead of journalctl
        String command = BrokerStartLog.command("kafka-server");
        String awk = command.substring(command.indexOf("awk '"));
        Process p = new ProcessBuilder("bash", "-c", "cat " + journal + " | " + awk).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Files.delete(journal);
        BrokerStartLog log = BrokerStartLog.parse(out);
        assertThat(log).isEqualTo(new BrokerStartLog(6, Optional.of("2.1.1"), 1, 2, true));
    }
}
