package dev.concord.simulator.scenario;

import dev.concord.simulator.CloudSite;
import dev.concord.simulator.Fault;
import dev.concord.simulator.FaultShape;
import dev.concord.simulator.FaultTarget;
import dev.concord.simulator.SimulationPlan;
import dev.concord.simulator.Tenant;
import dev.concord.simulator.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads scenario files ({@code apiVersion: concord.dev/v1}, {@code kind: Scenario}); the format is documented in
 * simulator/README.md. A file that cannot be used fails at once with the file, the place in it and what is wrong.
 */
public final class ScenarioLoader {

    public static final String API_VERSION = "concord.dev/v1";
    public static final String KIND = "Scenario";

    private static final Set<String> SEVERITIES = Set.of("", "page", "ticket");

    private ScenarioLoader() {}

    /** Every {@code .yaml} file of a directory, ordered by scenario name; names must be unique. */
    public static List<Scenario> loadAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no scenario directory at " + directory);
        }
        List<Scenario> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Scenario scenario = load(file);
                for (Scenario other : scenarios) {
                    if (other.name().equals(scenario.name())) {
                        throw new ScenarioFileException(
                                file, "metadata.name", scenario.name() + " is also the name in " + other.file());
                    }
                }
                scenarios.add(scenario);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        scenarios.sort(Comparator.comparing(Scenario::name));
        return scenarios;
    }

    public static Scenario load(Path file) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (YamlEngineException e) {
            throw new ScenarioFileException(file, "", "not valid YAML: " + e.getMessage());
        }
        if (document == null) {
            throw new ScenarioFileException(file, "", "is empty");
        }
        Node root = new Node(file, "", document).allowing("apiVersion", "kind", "metadata", "spec");
        if (!root.string("apiVersion").equals(API_VERSION)) {
            throw new ScenarioFileException(file, "apiVersion", "must be " + API_VERSION);
        }
        if (!root.string("kind").equals(KIND)) {
            throw new ScenarioFileException(file, "kind", "must be " + KIND);
        }
        String name = root.node("metadata").allowing("name").string("name");
        Node spec = root.node("spec")
                .allowing(
                        "description",
                        "seed",
                        "start",
                        "duration",
                        "trafficScale",
                        "topology",
                        "tenants",
                        "faults",
                        "expect");
        SimulationPlan.Builder plan = SimulationPlan.builder();
        List<Fault> faults = new ArrayList<>();
        try {
            plan.seed(spec.integer("seed", SimulationPlan.DEFAULT_SEED))
                    .start(spec.instant("start", SimulationPlan.DEFAULT_START))
                    .duration(spec.duration("duration", SimulationPlan.DEFAULT_DURATION))
                    .trafficScale(spec.number("trafficScale", SimulationPlan.DEFAULT_TRAFFIC_SCALE));
            if (spec.has("topology")) {
                Node topology = spec.node("topology").allowing("primary", "secondary");
                plan.topology(new Topology(site(topology.node("primary")), site(topology.node("secondary"))));
            }
            if (spec.has("tenants")) {
                List<Tenant> tenants = new ArrayList<>();
                for (Node tenant : spec.nodes("tenants")) {
                    tenant.allowing("id", "share");
                    tenants.add(new Tenant(tenant.string("id"), tenant.number("share", 0)));
                }
                plan.tenants(tenants);
            }
        } catch (IllegalArgumentException e) {
            throw spec.problem(e.getMessage());
        }
        for (Node fault : spec.nodes("faults")) {
            Fault parsed = fault(fault);
            try {
                plan.fault(parsed);
            } catch (IllegalArgumentException e) {
                throw fault.problem(e.getMessage());
            }
            faults.add(parsed);
        }
        SimulationPlan built;
        try {
            built = plan.build();
        } catch (IllegalArgumentException e) {
            throw spec.problem(e.getMessage());
        }
        List<AlertExpectation> alerts = new ArrayList<>();
        List<DecisionExpectation> decisions = new ArrayList<>();
        if (spec.has("expect")) {
            Node expect = spec.node("expect").allowing("alerts", "decisions");
            for (Node alert : expect.nodes("alerts")) {
                alerts.add(alert(alert, faults));
            }
            for (Node decision : expect.nodes("decisions")) {
                decisions.add(decision(decision, faults));
            }
        }
        return new Scenario(name, spec.string("description", ""), file, built, alerts, decisions);
    }

    private static CloudSite site(Node node) {
        node.allowing("cloud", "region");
        return new CloudSite(node.string("cloud"), node.string("region"));
    }

    private static Fault fault(Node node) {
        node.allowing(
                "name",
                "target",
                "shape",
                "start",
                "end",
                "errorRate",
                "latency",
                "period",
                "rate",
                "offset",
                "share",
                "amplitude");
        String shapeName = node.string("shape");
        FaultShape shape = FaultShape.ofFileName(shapeName)
                .orElseThrow(() -> node.problem(
                        "shape: unknown shape " + shapeName + "; expected one of " + FaultShape.fileNames()));
        Fault.Parameters with = new Fault.Parameters(
                node.number("errorRate", 0),
                node.duration("latency", Duration.ZERO),
                node.duration("period", Duration.ZERO),
                node.duration("rate", Duration.ZERO),
                node.duration("offset", Duration.ZERO),
                node.number("share", 0),
                node.number("amplitude", 0));
        try {
            return new Fault(
                    node.string("name"),
                    target(node.node("target")),
                    shape,
                    node.duration("start"),
                    node.duration("end"),
                    with);
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static FaultTarget target(Node node) {
        node.allowing(
                "service", "vantagePoint", "metric", "collector", "clock", "cloud", "region", "tenant", "version");
        List<String> kinds = Stream.of("service", "vantagePoint", "metric", "collector", "clock")
                .filter(node::has)
                .toList();
        if (kinds.size() != 1) {
            throw node.problem("name exactly one of service, vantagePoint, metric, collector, clock; found " + kinds);
        }
        String kind = kinds.get(0);
        String cloud = node.string("cloud", "");
        String region = node.string("region", "");
        String tenant = node.string("tenant", "");
        String version = node.string("version", "");
        if (!kind.equals("service") && !(tenant.isEmpty() && version.isEmpty())) {
            throw node.problem("tenant and version narrow only a service fault");
        }
        try {
            return switch (kind) {
                case "service" ->
                    new FaultTarget(FaultTarget.Kind.SERVICE, node.string("service"), cloud, region, tenant, version);
                case "vantagePoint" ->
                    new FaultTarget(FaultTarget.Kind.VANTAGE_POINT, node.string("vantagePoint"), cloud, region, "", "");
                case "metric" -> new FaultTarget(FaultTarget.Kind.METRIC, node.string("metric"), cloud, region, "", "");
                case "collector" ->
                    new FaultTarget(FaultTarget.Kind.COLLECTOR, "", node.string("collector"), region, "", "");
                default -> new FaultTarget(FaultTarget.Kind.CLOCK, "", node.string("clock"), region, "", "");
            };
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static AlertExpectation alert(Node node, List<Fault> faults) {
        node.allowing("fires", "slo", "cloud", "region", "tenant", "severity", "within", "after");
        boolean fires = node.bool("fires");
        String severity = node.string("severity", "");
        if (!SEVERITIES.contains(severity)) {
            throw node.problem("severity: must be page or ticket, got " + severity);
        }
        if (fires && !node.has("within")) {
            throw node.problem("within: an alert that must fire needs the longest allowed detection time");
        }
        if (fires && faults.isEmpty()) {
            throw node.problem("an alert that must fire needs a fault to fire after");
        }
        String after =
                node.string("after", faults.isEmpty() ? "" : faults.get(0).name());
        Duration onset = after.isEmpty()
                ? Duration.ZERO
                : faults.stream()
                        .filter(f -> f.name().equals(after))
                        .map(Fault::start)
                        .findFirst()
                        .orElseThrow(() -> node.problem("after: no fault named " + after));
        return new AlertExpectation(
                fires,
                node.string("slo"),
                node.string("cloud", ""),
                node.string("region", ""),
                node.string("tenant", ""),
                severity,
                node.duration("within", Duration.ZERO),
                after,
                onset);
    }

    private static DecisionExpectation decision(Node node, List<Fault> faults) {
        node.allowing(
                "decides", "policy", "action", "scope", "states", "within", "after", "confirm", "reason", "knownGap");
        boolean decides = node.bool("decides");
        String action = node.string("action", "");
        if (!action.isEmpty() && !DecisionExpectation.ACTIONS.contains(action)) {
            throw node.problem("action: unknown action " + action + "; expected one of "
                    + String.join(", ", DecisionExpectation.ACTIONS));
        }
        List<String> states = node.strings("states");
        for (String state : states) {
            if (!DecisionExpectation.STATES.contains(state)) {
                throw node.problem("states: unknown state " + state + "; expected one of "
                        + String.join(", ", DecisionExpectation.STATES));
            }
        }
        Optional<DecisionExpectation.Scope> scope = Optional.empty();
        if (node.has("scope")) {
            Node where = node.node("scope").allowing("cloud", "region", "tenant");
            if (where.has("region") && where.has("tenant")) {
                throw where.problem("a decision's scope is a cloud, one region of it or one tenant of it, not both");
            }
            scope = Optional.of(new DecisionExpectation.Scope(
                    where.string("cloud"), where.string("region", ""), where.string("tenant", "")));
        }
        Optional<DecisionExpectation.Confirmation> confirm = Optional.empty();
        if (node.has("confirm")) {
            Node c = node.node("confirm").allowing("after", "by");
            confirm = Optional.of(new DecisionExpectation.Confirmation(c.duration("after"), c.string("by")));
        }
        if (decides) {
            if (action.isEmpty()) {
                throw node.problem("action: a decision that must be made needs its action");
            }
            if (!node.has("within")) {
                throw node.problem("within: a decision that must be made needs the longest allowed detection time");
            }
            if (faults.isEmpty()) {
                throw node.problem("a decision that must be made needs a fault to follow");
            }
            if (confirm.isPresent() && !states.contains("PENDING_CONFIRMATION")) {
                throw node.problem("confirm: only a decision that goes through PENDING_CONFIRMATION is confirmed");
            }
        } else if (confirm.isPresent() || node.has("within")) {
            throw node.problem("a decision that must not be made takes neither within nor confirm");
        }
        String after =
                node.string("after", faults.isEmpty() ? "" : faults.get(0).name());
        Duration onset = after.isEmpty()
                ? Duration.ZERO
                : faults.stream()
                        .filter(f -> f.name().equals(after))
                        .map(Fault::start)
                        .findFirst()
                        .orElseThrow(() -> node.problem("after: no fault named " + after));
        return new DecisionExpectation(
                decides,
                node.string("policy", DecisionExpectation.ANY_POLICY),
                action,
                scope,
                states,
                node.duration("within", Duration.ZERO),
                after,
                onset,
                confirm,
                node.string("reason", ""),
                node.string("knownGap", ""));
    }
}
