import { Command, CommanderError, Option } from "commander";
import { InputError } from "./errors";
import { escapeControl, escapeControlKeepingLines } from "./quote";
import { loadManifests, ManifestSet } from "./ingress/manifests";
import { parseExistingFlag } from "./ingress/existing-objects";
import { diffPlans } from "./plan/diff";
import type { ClusterOptions, ManifestPlan } from "./plan/plan-manifests";
import { renderDiffJson, renderDiffMarkdown, renderDiffText, diffExitCode } from "./plan/render-diff";
import { renderPlanText, renderWarning, safeWarning, table } from "./plan/render-plan";
import { readPlan } from "./plan/read-plan";
import { evaluatePolicies } from "./policy/evaluate";
import { planSubjects } from "./policy/plan-subjects";
import { renderPolicyText } from "./policy/render-policy";
import { LoadBalancingScheme } from "./translate/model";
import { didYouMean } from "./suggest";
import { packageVersion } from "./version";

/**
 * Exit codes: 0 success, 2 bad input (one message on stderr), 3 `diff --exit-code` found changes,
 * 4 `plan --policy` found a mandatory policy violation; 1 is left to internal errors.
 */
export const EXIT = { ok: 0, badInput: 2, policyViolation: 4 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function clusterOptions(opts: Record<string, unknown>): ClusterOptions {
  return {
    project: opts.project as string | undefined,
    instanceGroups: opts.instanceGroup as string[] | undefined,
    zones: opts.zone as string[] | undefined,
    nodeTags: opts.nodeTag as string[] | undefined,
    network: opts.network as string | undefined,
    region: opts.region as string | undefined,
    subnetwork: opts.subnetwork as string | undefined,
    proxyOnlySubnet: opts.proxyOnlySubnet as string | undefined,
    proxyOnlySubnetExists: opts.proxyOnlySubnetExists as boolean | undefined,
    scheme: opts.scheme as LoadBalancingScheme | undefined,
    name: opts.name as string | undefined,
    negDefault: opts.negDefault as boolean | undefined,
    existing: parseExistingFlag((opts.existing as string[] | undefined) ?? []),
  };
}

function withClusterOptions(command: Command): Command {
  return (
    command
      .option(
        "--name <name>",
        "name of the IngressManifests component in your program, so that URNs match your stack's",
        "ingress-glb",
      )
      .option("--project <id>", "GCP project of the load balancer")
      .option("--instance-group <url>", "instance group URL of the nodes (repeatable)", collect)
      .option(
        "--zone <zone>",
        "zone of the nodes (repeatable): NEGs are made in each; placeholder instance groups when no URL is given",
        collect,
      )
      .option(
        "--no-neg-default",
        "GKE's NEG default does not hold on the cluster (routes-based, Shared VPC, network policy): ClusterIP Services without a cloud.google.com/neg annotation are refused, not served through NEGs",
      )
      .option(
        "--node-tag <tag>",
        "network tag of the nodes, targeted by the firewall rule (repeatable)",
        collect,
      )
      .option("--network <name>", "VPC network of the nodes", "default")
      .option(
        "--region <region>",
        "region of the cluster, for gce-internal and gce-regional-external Ingresses",
      )
      .option(
        "--subnetwork <name>",
        "subnetwork of the nodes, where a gce-internal Ingress takes its address",
      )
      .option(
        "--proxy-only-subnet <cidr>",
        "range of the region's proxy-only subnet (REGIONAL_MANAGED_PROXY), created unless --proxy-only-subnet-exists",
      )
      .option("--proxy-only-subnet-exists", "the region already has its proxy-only subnet: create none")
      .addOption(
        new Option("--scheme <scheme>", "load balancing scheme")
          .choices(["EXTERNAL", "EXTERNAL_MANAGED"])
          .default("EXTERNAL"),
      )
      // Objects other tools own (Helm, Argo CD, kubectl): read from the cluster, not created.
      .option(
        "--existing <what>",
        "read from the cluster instead of creating: services, workloads, secrets, or Kind/namespace/name (comma-separated, repeatable)",
        collect,
      )
  );
}

/** Manifests to plan: with no Ingress among them, a wrong path or kind would otherwise plan nothing and succeed. */
function loadIngressManifests(paths: string[]): ManifestSet {
  const manifests = loadManifests(paths);
  if (manifests.ingresses.length === 0) {
    const misspelt = manifests.others.find((m) => didYouMean(m.object.kind, ["Ingress"]));
    if (misspelt) {
      throw new InputError(
        `no Ingress found in ${paths.join(", ")}`,
        { ...misspelt.origin, field: "kind" },
        didYouMean(misspelt.object.kind, ["Ingress"]),
      );
    }
    const kinds = Object.values(manifests).flatMap((list: ManifestSet["others"]) =>
      list.map((m) => m.object.kind),
    );
    const counts = [...new Set(kinds)].map((kind) => `${kinds.filter((k) => k === kind).length} ${kind}`);
    throw new InputError(
      `no Ingress found in ${paths.join(", ")}`,
      {},
      counts.length > 0 ? `found only ${counts.join(", ")}` : "no Kubernetes objects in them",
    );
  }
  return manifests;
}

/**
 * Plans manifests. The planner is loaded on first use: with it come the Pulumi SDKs, most of a second
 * to load, which `diff` does without.
 */
async function plan(paths: string[], opts: Record<string, unknown>): Promise<ManifestPlan> {
  const { planManifests } = await import("./plan/plan-manifests");
  return planManifests(loadIngressManifests(paths), clusterOptions(opts));
}

/** The `ingress-glb` program; returns the exit code instead of exiting, for tests. */
export async function run(argv: string[], terminal: Io): Promise<number> {
  // Whatever a command prints, nothing read from a file reaches the terminal as a control character.
  const io: Io = { out: (text) => terminal.out(escapeControlKeepingLines(text)), err: terminal.err };
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name("ingress-glb")
    .description("Kubernetes Ingress -> Google Cloud global external HTTP(S) load balancer, planned offline")
    .version(packageVersion(), "-V, --version", "print the version of ingress-glb")
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      // A usage mistake is bad input like any other: one line (the help would follow on many).
      outputError: (text, write) =>
        write(`ingress-glb: ${escapeControl(text.trim().replace(/^error: /, ""))} (see --help)\n`),
    });

  withClusterOptions(
    program
      .command("plan")
      .description("print what `pulumi up` would create for these manifests, with no cloud credentials")
      .argument("<paths...>", "manifest files or directories (YAML or JSON)")
      .option("--json", "print the plan as JSON")
      .option("--policy", "check the plan against the policy pack's rules (exit 4 on a mandatory violation)"),
  ).action(async (paths: string[], opts: Record<string, unknown>) => {
    const planned = await plan(paths, opts);
    const policy = opts.policy ? evaluatePolicies(planSubjects(planned.plan)) : undefined;
    if (opts.json) {
      io.out(`${JSON.stringify(policy ? { ...planned.plan, policy } : planned.plan, null, 2)}\n`);
    } else {
      io.out(renderPlanText(planned.plan, planned.models));
      if (policy) io.out(`\n${renderPolicyText(policy)}`);
    }
    if (policy && policy.mandatory > 0) exitCode = EXIT.policyViolation;
  });

  withClusterOptions(
    program
      .command("route")
      .description("where each URL goes on the generated load balancer (GCP's matching rules)")
      .argument("<paths...>", "manifest files or directories (YAML or JSON)")
      .requiredOption("--url <url>", "request URL, e.g. http://foo.com/users/1 (repeatable)", collect)
      .option("--json", "print the results as JSON"),
  ).action(async (paths: string[], opts: Record<string, unknown>) => {
    const { models, ingresses } = await plan(paths, opts);
    const { routeRequests } = await import("./plan/route-requests");
    const { results, warnings } = routeRequests(opts.url as string[], models, (model) =>
      ingresses.filter((ing) => model.ingresses.includes(`${ing.namespace}/${ing.name}`)),
    );
    const allWarnings = [...models.flatMap((m) => m.warnings), ...warnings].map(safeWarning);
    if (opts.json) {
      io.out(`${JSON.stringify({ results, warnings: allWarnings }, null, 2)}\n`);
      return;
    }
    const rows = results.map((r) => [
      r.url,
      r.loadBalancer,
      r.service ? `${r.namespace}/${r.service}:${r.port}` : "built-in 404",
      `${r.rule}${r.defaultBackend ? " (default)" : ""}`,
    ]);
    io.out(`${table([["URL", "LOAD BALANCER", "BACKEND", "RULE"], ...rows]).join("\n")}\n`);
    // Whose answers these are, once per regional load balancer that answered.
    for (const [label, reach] of new Map(
      results.filter((r) => r.reach).map((r) => [r.loadBalancer, r.reach]),
    )) {
      io.out(`note: load balancer ${label} is ${reach}\n`);
    }
    for (const warning of allWarnings) io.out(`${renderWarning(warning)}\n`);
  });

  program
    .command("diff")
    .description(
      "compare two plans (`plan --json` output): what each change creates, updates, replaces, deletes",
    )
    .argument("<base>", "plan JSON of the base (e.g. main)")
    .argument("<head>", "plan JSON of the change")
    .addOption(new Option("--json", "print the diff as JSON").conflicts("markdown"))
    .option("--markdown", "print a short pull-request comment")
    .option("--exit-code", "exit 3 when there are differences (like `git diff --exit-code`)")
    .action((base: string, head: string, opts: Record<string, unknown>) => {
      const diff = diffPlans(readPlan(base), readPlan(head));
      io.out(
        opts.json ? renderDiffJson(diff) : opts.markdown ? renderDiffMarkdown(diff) : renderDiffText(diff),
      );
      if (opts.exitCode) exitCode = diffExitCode(diff);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (err instanceof InputError) {
      io.err(`ingress-glb: ${err.message}\n`);
      return EXIT.badInput;
    }
    throw err;
  }
  return exitCode;
}

/** Entry point of bin/ingress-glb.js. */
export function main(argv: string[]): void {
  run(argv, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ingress-glb: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
