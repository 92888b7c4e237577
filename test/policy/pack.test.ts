import { strict as assert } from "node:assert";
import * as path from "node:path";
import {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
  unknownCheckingProxy,
} from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { loadManifests } from "../../lib/ingress/manifests";
import { planManifests } from "../../lib/plan/plan-manifests";
import { planSubjects } from "../../lib/policy/plan-subjects";
import { POLICY_RULES, T } from "../../lib/policy/rules";
import { isUnknown, PolicySubject, UNKNOWN } from "../../lib/policy/subject";
import { policies } from "../../policy/policies";
import { plainProps } from "../../policy/policy-subjects";
import { httpsStack } from "./subjects";

/**
 * The pack's policies called as the CrossGuard SDK calls them, with hand-built arguments: the SDK's
 * server (`new PolicyPack`) needs the Pulumi CLI to talk to, so it is not started here.
 */

interface Reported {
  policy: string;
  urn: string | undefined;
  message: string;
}

const noConfig = <C extends object>() => ({}) as C;
const notApplicable = (reason?: string): never => {
  throw new Error(`notApplicable: ${reason}`);
};

/** Props as the SDK gives them: UNKNOWN becomes the wire's unknown value behind the unknown-checking proxy. */
function wireProps(value: unknown): unknown {
  if (isUnknown(value)) return pulumi.runtime.unknownValue;
  if (Array.isArray(value)) return value.map(wireProps);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireProps(v)]));
  }
  return value;
}

function policyResources(subjects: PolicySubject[]): PolicyResource[] {
  const resources: PolicyResource[] = subjects.map((s) => ({
    type: s.type,
    name: s.name,
    urn: s.urn,
    props: unknownCheckingProxy(wireProps(s.props)),
    opts: {
      protect: s.protect,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  // Property dependencies refer to the stack's own resource objects, as the SDK builds them.
  subjects.forEach((s, i) => {
    for (const [key, urns] of Object.entries(s.propertyDependencies ?? {})) {
      resources[i].propertyDependencies[key] = resources.filter((r) => urns.includes(r.urn));
    }
  });
  return resources;
}

/**
 * Runs every policy of the pack: stack policies over all resources, resource policies over each managed
 * one (the engine never calls them for a resource only read).
 */
async function runPack(subjects: PolicySubject[]): Promise<Reported[]> {
  const reported: Reported[] = [];
  const resources = policyResources(subjects);
  for (const policy of policies) {
    const report = (message: string, urn?: string) => reported.push({ policy: policy.name, urn, message });
    const stack = (policy as StackValidationPolicy).validateStack;
    if (stack) {
      const args: StackValidationArgs = {
        resources,
        stackTags: new Map(),
        getConfig: noConfig,
        notApplicable,
      };
      await stack(args, report);
    }
    const perResource = (policy as ResourceValidationPolicy).validateResource;
    for (const validate of perResource ? [perResource].flat() : []) {
      for (const [i, r] of resources.entries()) {
        if (subjects[i].read) continue;
        const args: ResourceValidationArgs = {
          type: r.type,
          props: r.props,
          urn: r.urn,
          name: r.name,
          opts: r.opts,
          stackTags: new Map(),
          isType: () => false,
          asType: () => undefined,
          getConfig: noConfig,
          notApplicable,
        };
        await validate(args, report);
      }
    }
  }
  return reported;
}

async function examplePlanSubjects(example: string): Promise<PolicySubject[]> {
  const dir = path.resolve(__dirname, "../../examples", example, "manifests");
  return planSubjects((await planManifests(loadManifests([dir]), {})).plan);
}

describe("the CrossGuard pack (policy/)", () => {
  it("has each rule as a mandatory policy, plus one advisory policy for undecided checks", () => {
    assert.deepEqual(
      policies.map((p) => `${p.name} ${p.enforcementLevel}`),
      [
        "https-proxy-modern-tls mandatory",
        "http-redirects-to-https mandatory",
        "firewall-google-ranges-only mandatory",
        "backend-service-health-check mandatory",
        "reserved-address-protected mandatory",
        "undecided-checks advisory",
      ],
    );
    for (const rule of POLICY_RULES) {
      assert.ok(
        policies.some((p) => p.name === rule.name && p.description === rule.description),
        rule.name,
      );
    }
    for (const p of policies) assert.match(p.name, /^[a-zA-Z0-9-_.]{1,100}$/);
  });

  it("reports the hello-ingress plan's unprotected address, and nothing else", async () => {
    const subjects = await examplePlanSubjects("hello-ingress");
    const address = subjects.find((s) => s.type === T.address);
    assert.ok(address);
    assert.deepEqual(await runPack(subjects), [
      {
        policy: "reserved-address-protected",
        urn: address.urn,
        message:
          "reserved address is not protected: destroying or replacing it releases the IP that DNS points at (protectAddress: true)",
      },
    ]);
  });

  it("reports nothing on the multi-team plan", async () => {
    assert.deepEqual(await runPack(await examplePlanSubjects("multi-team")), []);
  });

  it("during preview, follows property dependencies past unknown references and says what it cannot check", async () => {
    const s = httpsStack({ sslPolicy: { profile: "COMPATIBLE", minTlsVersion: "TLS_1_2", id: UNKNOWN } });
    const proxy: PolicySubject = {
      ...s.httpsProxy,
      props: { ...s.httpsProxy.props, sslPolicy: UNKNOWN },
      propertyDependencies: { sslPolicy: [s.sslPolicy.urn] },
    };
    const firewall: PolicySubject = {
      ...s.firewall,
      props: { ...s.firewall.props, allows: [{ protocol: "tcp", ports: UNKNOWN }] },
    };
    const subjects = s.all.map((r) => (r === s.httpsProxy ? proxy : r === s.firewall ? firewall : r));
    // Read as is, the SDK's props throw on the unknown value, which would abandon the whole policy.
    const [wired] = policyResources([proxy]);
    assert.throws(() => wired.props.sslPolicy, UnknownValueError);
    assert.equal((plainProps(wired.props) as Record<string, unknown>).sslPolicy, UNKNOWN);

    assert.deepEqual(await runPack(subjects), [
      {
        policy: "https-proxy-modern-tls",
        urn: proxy.urn,
        message: "SSL policy lb-ssl-policy: profile COMPATIBLE, not MODERN or RESTRICTED",
      },
      {
        policy: "undecided-checks",
        urn: firewall.urn,
        message: "firewall-google-ranges-only: its allowed ports are not known yet",
      },
    ]);
  });
});
