// Kubernetes (docs/operations.md#kubernetes): the Kustomize base and its staging overlay render
// (`kubectl kustomize` when the binary exists, else the small pure-JS render below, which knows
// what these kustomizations use: resources, namespace, labels, images, JSON 6902 patches), and every
// object validates against the Kubernetes schemas of kubernetes-models; then what operations
// need is checked: replicas, probes, resources, non-root read-only pods, Secrets, PDB, HPA,
// NetworkPolicy, the migration Job.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { parseAllDocuments, parse } from 'yaml';
import { loadConfig } from '@hub/gateway';
import { expect } from '../support/expect.js';

const ROOT = fileURLToPath(new URL('../../deploy/kubernetes', import.meta.url));
type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };

function kubectl(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (existsSync(path.join(dir, 'kubectl'))) return path.join(dir, 'kubectl');
  return null;
}

function renderWithKubectl(bin: string, dir: string): Obj[] {
  const out = execFileSync(bin, ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
  return parseAllDocuments(out).map((d) => d.toJS() as Obj).filter(Boolean);
}

/** The subset of Kustomize these files use. */
function renderPure(dir: string): Obj[] {
  const k = parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
  let objects: Obj[] = [];
  for (const resource of k.resources ?? []) {
    const file = path.join(dir, resource);
    if (existsSync(path.join(file, 'kustomization.yaml'))) objects.push(...renderPure(file));
    else objects.push(...parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Obj));
  }
  for (const { pairs } of k.labels ?? []) for (const o of objects) o.metadata.labels = { ...o.metadata.labels, ...pairs };
  for (const image of k.images ?? []) {
    for (const o of objects) {
      const spec = o.kind === 'Job' || o.kind === 'Deployment' ? o.spec.template.spec : null;
      for (const c of spec?.containers ?? []) {
        const [name] = String(c.image).split(':');
        if (name === image.name) c.image = `${image.newName ?? name}:${image.newTag ?? 'latest'}`;
      }
    }
  }
  for (const patch of k.patches ?? []) {
    for (const o of objects.filter((x) => x.kind === patch.target.kind && x.metadata.name === patch.target.name)) {
      for (const op of parse(patch.patch) as { op: string; path: string; value: unknown }[]) {
        const keys = op.path.split('/').slice(1);
        let at: any = o;
        for (const key of keys.slice(0, -1)) at = at[key];
        at[keys[keys.length - 1]!] = op.value;
      }
    }
  }
  if (k.namespace) {
    objects = objects.map((o) => (o.kind === 'Namespace' ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } }));
  }
  return objects;
}

async function modelOf(o: Obj): Promise<new (data: unknown) => { validate(): void }> {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const mod = await import(group ? `kubernetes-models/${group}/${version}/${o.kind}` : `kubernetes-models/${version}/${o.kind}`);
  return mod[o.kind] ?? mod.default;
}

const bin = kubectl();
const renderers: [string, (dir: string) => Obj[]][] = [['pure-JS render', renderPure]];
if (bin) renderers.unshift(['kubectl kustomize', (dir) => renderWithKubectl(bin, dir)]);

describe.each(renderers)('deploy/kubernetes (%s)', (_name, render) => {
  for (const target of ['base', 'overlays/staging']) {
    it(`${target}: every object validates against the Kubernetes schemas`, async () => {
      const objects = render(path.join(ROOT, target));
      expect(objects.map((o) => o.kind).sort()).toEqual([
        'ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Job', 'NetworkPolicy', 'PodDisruptionBudget', 'Service',
        ...(target === 'base' ? [] : ['Namespace']),
      ].sort());
      for (const o of objects) {
        const Model = await modelOf(o);
        expect(() => new Model(o).validate()).not.toThrow();
      }
      // A broken object is caught (the validation is not vacuous).
      const Model = await modelOf(objects.find((o) => o.kind === 'Deployment')!);
      expect(() => new Model({ ...objects.find((o) => o.kind === 'Deployment'), spec: { replicas: 'two' } }).validate()).toThrow();
    });
  }

  it('staging: namespace, image tag, what operations need', () => {
    const objects = render(path.join(ROOT, 'overlays/staging'));
    const one = (kind: string) => objects.find((o) => o.kind === kind)!;
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace).toBe('particulier-hub-staging');

    const deployment = one('Deployment');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const pod = deployment.spec.template.spec;
    const hub = pod.containers[0];
    expect(hub.image).toBe('ghcr.io/particulier-hub/hub:staging');
    expect(hub.readinessProbe.httpGet.path).toBe('/readyz');
    expect(hub.livenessProbe.httpGet.path).toBe('/healthz');
    expect(hub.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(hub.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(hub.securityContext).toEqual(expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }));
    const secretRefs = Object.fromEntries(hub.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef.name]));
    for (const name of ['DATABASE_URL', 'HUB_SESSION_KEY', 'HUB_SUBJECT_KEY', 'HUB_KEY_ENCRYPTION_KEY', 'HUB_METRICS_TOKEN']) expect(secretRefs[name]).toBe('particulier-hub');
    // Drain bound below the grace period.
    expect(Number(one('ConfigMap').data.HUB_SHUTDOWN_TIMEOUT_MS) / 1000).toBeLessThan(pod.terminationGracePeriodSeconds);
    expect(one('ConfigMap').data.HUB_PUBLIC_URL).toMatch(/^https:\/\//);

    const selector = deployment.spec.selector.matchLabels;
    expect(one('Service').spec.selector).toEqual(selector);
    expect(one('PodDisruptionBudget').spec.selector.matchLabels).toEqual(selector);
    expect(one('PodDisruptionBudget').spec.minAvailable).toBe(1);
    expect(one('HorizontalPodAutoscaler').spec.scaleTargetRef.name).toBe(deployment.metadata.name);
    expect(one('HorizontalPodAutoscaler').spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(one('HorizontalPodAutoscaler').spec.maxReplicas).toBe(4);
    expect(one('NetworkPolicy').spec.policyTypes).toEqual(['Ingress', 'Egress']);

    // The pod's environment (ConfigMap + the Secret's keys, with placeholder values) is one the
    // hub starts with: upstreams configured, every secret present outside sandbox mode.
    const placeholder = 'k'.repeat(43);
    const podEnv: Record<string, string> = { ...one('ConfigMap').data };
    for (const e of hub.env as any[]) podEnv[e.name] = e.value ?? (e.name === 'DATABASE_URL' ? 'postgres://hub@db/hub' : placeholder);
    const config = loadConfig(podEnv, { requireUpstreams: true });
    expect(config.upstreams.DGFIP!.baseUrl).toBe('https://staging.particulier.api.gouv.fr');
    expect(config.sandbox.enabled).toBe(false);

    const job = one('Job').spec.template.spec;
    expect(job.containers[0].command).toEqual(['node', 'packages/cli/bin/hub.js', 'migrate']);
    expect(job.containers[0].image).toBe(hub.image);
    expect(job.restartPolicy).toBe('Never');
    expect(job.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });
});
