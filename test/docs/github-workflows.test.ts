import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

const DIR = path.resolve(__dirname, "../../docs/github");

interface Step {
  uses?: string;
  run?: string;
  name?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (file: string) => parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const preview = read("ingress-glb-preview.yml");
const comment = read("ingress-glb-comment.yml");
const usesOf = (job: Job, action: string) => job.steps.find((s) => s.uses?.split("@")[0] === action);
const writes = (permissions: Record<string, string> = {}) =>
  Object.entries(permissions)
    .filter(([, level]) => level === "write")
    .map(([scope]) => scope);

describe("docs/github workflows", () => {
  it("are the two files the docs name", () => {
    assert.deepEqual(fs.readdirSync(DIR).sort(), ["ingress-glb-comment.yml", "ingress-glb-preview.yml"]);
  });

  it("hold no JSON key: no credentials_json, no GOOGLE_CREDENTIALS anywhere", () => {
    for (const file of fs.readdirSync(DIR)) {
      const text = fs.readFileSync(path.join(DIR, file), "utf8");
      assert.doesNotMatch(text, /credentials_json|GOOGLE_CREDENTIALS|GOOGLE_APPLICATION_CREDENTIALS/, file);
    }
  });

  describe("ingress-glb-preview.yml", () => {
    it("runs on pull_request (never pull_request_target) with a read-only default token", () => {
      assert.deepEqual(Object.keys(preview.on), ["pull_request"]);
      assert.deepEqual(preview.permissions, { contents: "read" });
    });

    describe("offline-plan: fork-safe", () => {
      const job = preview.jobs["offline-plan"];
      it("may write nothing and uses no secret", () => {
        assert.deepEqual(writes(job.permissions), []);
        assert.doesNotMatch(JSON.stringify(job), /secrets\./);
      });
      it("puts the markdown in the job summary and the artifact, and posts no comment itself", () => {
        const plan = job.steps.find((s) => s.name === "Offline plan of head and base");
        assert.match(plan?.run ?? "", />> "\$GITHUB_STEP_SUMMARY"/);
        assert.equal(usesOf(job, "actions/upload-artifact")?.with?.name, "ingress-glb-plan");
        assert.doesNotMatch(JSON.stringify(preview), /createComment|updateComment|github-script/);
      });
    });

    describe("cloud-preview: the credentialed path", () => {
      const job = preview.jobs["cloud-preview"];
      it("runs only for branches of the repository itself", () => {
        assert.match(job.if ?? "", /head\.repo\.full_name == github\.repository/);
      });
      it("gets an OIDC token and writes only the pull request comment", () => {
        assert.deepEqual(writes(job.permissions).sort(), ["id-token", "pull-requests"]);
      });
      it("authenticates with Workload Identity Federation (google-github-actions/auth@v3)", () => {
        const auth = usesOf(job, "google-github-actions/auth");
        assert.equal(auth?.uses, "google-github-actions/auth@v3");
        assert.deepEqual(Object.keys(auth?.with ?? {}).sort(), [
          "service_account",
          "workload_identity_provider",
        ]);
      });
      it("installs gke-gcloud-auth-plugin (google-github-actions/setup-gcloud@v3), before Pulumi runs", () => {
        const gcloud = usesOf(job, "google-github-actions/setup-gcloud");
        assert.equal(gcloud?.uses, "google-github-actions/setup-gcloud@v3");
        assert.match(String(gcloud?.with?.install_components), /\bgke-gcloud-auth-plugin\b/);
        assert.ok(job.steps.indexOf(gcloud!) < job.steps.indexOf(usesOf(job, "pulumi/actions")!));
      });
      it("previews with pulumi/actions@v7: refresh, diff, policy pack, one comment edited in place", () => {
        const pulumi = usesOf(job, "pulumi/actions");
        assert.equal(pulumi?.uses, "pulumi/actions@v7");
        assert.equal(pulumi?.with?.command, "preview");
        assert.equal(pulumi?.with?.refresh, true);
        assert.equal(pulumi?.with?.diff, true);
        assert.equal(pulumi?.with?.["comment-on-pr"], true);
        assert.equal(pulumi?.with?.["edit-pr-comment"], true);
        assert.match(String(pulumi?.with?.policyPacks), /POLICY_PACK/);
        assert.equal(preview.env?.POLICY_PACK, "policy/");
        assert.deepEqual(Object.keys(pulumi?.env ?? {}), ["PULUMI_ACCESS_TOKEN"]);
      });
    });
  });

  describe("ingress-glb-comment.yml: the comment from a workflow_run job", () => {
    const job = comment.jobs["comment"];
    it("runs on the completed preview workflow, for pull requests that succeeded", () => {
      assert.deepEqual(comment.on, { workflow_run: { workflows: [preview.name], types: ["completed"] } });
      assert.match(job.if ?? "", /workflow_run\.event == 'pull_request'/);
      assert.match(job.if ?? "", /workflow_run\.conclusion == 'success'/);
    });
    it("reads the artifact, checks out nothing and writes only the comment", () => {
      assert.deepEqual(writes(comment.permissions), []);
      assert.deepEqual(writes(job.permissions), ["pull-requests"]);
      assert.equal(usesOf(job, "actions/download-artifact")?.with?.name, "ingress-glb-plan");
      assert.equal(usesOf(job, "actions/checkout"), undefined);
      assert.equal(job.steps.filter((s) => s.run).length, 0);
    });
    it("edits its one comment in place, on the pull request whose head was planned", () => {
      const script = String(usesOf(job, "actions/github-script")?.with?.script);
      assert.match(script, /updateComment/);
      assert.match(script, /workflow_run\.head_sha/);
    });
  });

  describe("the offline plan step, run with stand-ins for git, npm and npx", () => {
    const step = preview.jobs["offline-plan"].steps.find((s) => s.name === "Offline plan of head and base")!;

    /** Runs the step's script as GitHub runs `shell: bash`; `base` says what the base branch holds. */
    function runStep(base: "plans" | "fails" | "no-manifests") {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "ingress-glb-workflow-"));
      const bin = path.join(root, "bin");
      fs.mkdirSync(bin);
      const stub = (name: string, body: string) =>
        fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
      stub("npm", "exit 0");
      stub(
        "git",
        `[ "$1 $2" = "worktree add" ] || exit 9
mkdir -p "$3"; [ "${base}" = no-manifests ] || mkdir -p "$3/k8s"`,
      );
      stub(
        "npx",
        `case "$2" in
  plan) if [ "$PWD" = "$RUNNER_TEMP/base" ] && [ "${base}" = fails ]; then echo "base: bad manifest" >&2; exit 2; fi
        echo "{\\"from\\": \\"$PWD\\"}" ;;
  diff) echo "diff of $(cat "$3") and $(cat "$4")" ;;
esac`,
      );
      const summary = path.join(root, "summary.md");
      const script = path.join(root, "step.sh");
      fs.writeFileSync(script, step.run!);
      const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
        cwd: root,
        encoding: "utf8",
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          RUNNER_TEMP: path.join(root, "tmp"),
          GITHUB_STEP_SUMMARY: summary,
          MANIFESTS: "k8s/",
          BASE_REF: "main",
          PR_NUMBER: "17",
        },
      });
      const summaryText = fs.existsSync(summary) ? fs.readFileSync(summary, "utf8") : "";
      fs.rmSync(root, { recursive: true, force: true });
      return { status: result.status, stdout: result.stdout, summary: summaryText };
    }

    it("uses bash with -e semantics (shell: bash)", () => assert.equal(step.shell, "bash"));

    it("a base that plans: the diff of the two plans lands in the job summary", () => {
      const run = runStep("plans");
      assert.equal(run.status, 0);
      assert.match(run.summary, /diff of \{"from": ".*\/tmp\/base"\} and \{"from": ".*"\}/);
    });

    it("a base plan that fails: the job fails with an error annotation and shows no diff", () => {
      const run = runStep("fails");
      assert.equal(run.status, 1);
      assert.match(run.stdout, /::error::the offline plan of the base branch main failed/);
      assert.equal(run.summary, "");
    });

    it("a base without the manifests folder: planned against an empty base, with a notice", () => {
      const run = runStep("no-manifests");
      assert.equal(run.status, 0);
      assert.match(run.stdout, /::notice::k8s\/ does not exist on main/);
      assert.match(run.summary, /diff of \{"resources": \[\]/);
    });
  });
});
