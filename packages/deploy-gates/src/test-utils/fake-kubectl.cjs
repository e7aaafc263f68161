// A fake kubectl: records argv, simulates Deployments, Services, Ingresses, HTTPRoutes and ConfigMaps in a
// JSON state file. Like the real API, status counts that are 0 are left out of `get -o json` output.
const { readStdin, writeState, fail, start } = require('./fake-common.cjs');

const kinds = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  service: 'service',
  services: 'service',
  svc: 'service',
  ingress: 'ingress',
  ingresses: 'ingress',
  ing: 'ingress',
  httproute: 'httproute',
  httproutes: 'httproute',
  'httproute.gateway.networking.k8s.io': 'httproute',
  configmap: 'configmap',
  configmaps: 'configmap',
  cm: 'configmap',
};
const plural = {
  deployment: 'deployments.apps',
  service: 'services',
  ingress: 'ingresses.networking.k8s.io',
  httproute: 'httproutes.gateway.networking.k8s.io',
  configmap: 'configmaps',
};

function kindOf(raw) {
  const kind = kinds[raw.toLowerCase()];
  if (!kind) fail(1, `error: the server doesn't have a resource type "${raw}"`);
  return kind;
}

function splitRef(ref) {
  const [kind, name] = ref.split('/');
  return [kindOf(kind), name];
}

function getObject(state, kind, name) {
  const object = state.objects[`${kind}/${name}`];
  if (!object) fail(1, `Error from server (NotFound): ${plural[kind]} "${name}" not found`);
  return object;
}

/** Sets the status as a finished rollout would; zero counts are omitted like the API does. */
function settle(deployment) {
  const replicas = deployment.spec.replicas ?? 1;
  deployment.status = {};
  if (replicas > 0) {
    Object.assign(deployment.status, {
      replicas,
      readyReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: replicas,
    });
  }
}

/** JSON merge patch; with `strategic`, lists of named objects (containers) merge by `name` like the API. */
function mergePatch(target, patch, strategic) {
  if (strategic && Array.isArray(patch) && Array.isArray(target) && patch.every((p) => p?.name)) {
    const out = target.map((item) => {
      const update = patch.find((p) => p.name === item.name);
      return update ? mergePatch(item, update, strategic) : item;
    });
    for (const p of patch) if (!target.some((item) => item.name === p.name)) out.push(p);
    return out;
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value, strategic);
  }
  return out;
}

function jsonPatch(target, ops) {
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = parts.pop();
    let parent = target;
    for (const part of parts) {
      parent = parent?.[part];
      if (parent === undefined) fail(1, `The request is invalid: path ${op.path} does not exist`);
    }
    if (op.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value))
        fail(1, `The request is invalid: test failed at ${op.path}`);
    } else if (op.op === 'replace') {
      if (!(last in parent)) fail(1, `The request is invalid: replace path ${op.path} does not exist`);
      parent[last] = op.value;
    } else if (op.op === 'add') {
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
    } else if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else fail(1, `unsupported json patch op ${op.op}`);
  }
  return target;
}

function main() {
  const argv = process.argv.slice(2);
  const stdin = argv.includes('-f') && argv.includes('-') ? readStdin() : undefined;
  const state = start('kubectl', argv, stdin);
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--context' || argv[i] === '-n') i++;
    else args.push(argv[i]);
  }
  const [verb, ...rest] = args;
  const out = (text) => process.stdout.write(`${text}\n`);

  if (verb === 'apply') {
    const body = JSON.parse(stdin);
    for (const item of body.kind === 'List' ? body.items : [body]) {
      const kind = kindOf(item.kind);
      const key = `${kind}/${item.metadata.name}`;
      const existed = key in state.objects;
      if (state.objects[key]?.immutable && JSON.stringify(state.objects[key].data) !== JSON.stringify(item.data)) {
        fail(
          1,
          `The ${item.kind} "${item.metadata.name}" is invalid: data: Forbidden: field is immutable when \`immutable\` is set`,
        );
      }
      const object = structuredClone(item);
      if (kind === 'deployment') {
        object.metadata.generation = (state.objects[key]?.metadata.generation ?? 0) + 1;
        settle(object);
      }
      state.objects[key] = object;
      out(`${kind}/${item.metadata.name} ${existed ? 'configured' : 'created'}`);
    }
  } else if (verb === 'set' && rest[0] === 'image') {
    const [, name] = splitRef(rest[1]);
    const deployment = getObject(state, 'deployment', name);
    for (const pair of rest.slice(2)) {
      const [container, image] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const target = deployment.spec.template.spec.containers.find((c) => c.name === container);
      if (!target) fail(1, `error: unable to find container named "${container}"`);
      deployment._history = [...(deployment._history ?? []), target.image];
      target.image = image;
    }
    settle(deployment);
    out(`deployment.apps/${name} image updated`);
  } else if (verb === 'scale') {
    const [, name] = splitRef(rest[0]);
    const deployment = getObject(state, 'deployment', name);
    deployment.spec.replicas = Number(rest.find((a) => a.startsWith('--replicas=')).split('=')[1]);
    settle(deployment);
    out(`deployment.apps/${name} scaled`);
  } else if (verb === 'rollout' && rest[0] === 'status') {
    const [, name] = splitRef(rest[1]);
    getObject(state, 'deployment', name);
    out(`deployment "${name}" successfully rolled out`);
  } else if (verb === 'rollout' && rest[0] === 'undo') {
    const [, name] = splitRef(rest[1]);
    const deployment = getObject(state, 'deployment', name);
    const previous = deployment._history?.pop();
    if (!previous) fail(1, `error: no rollout history found for deployment "${name}"`);
    deployment.spec.template.spec.containers[0].image = previous;
    out(`deployment.apps/${name} rolled back`);
  } else if (verb === 'patch') {
    const kind = kindOf(rest[0]);
    const object = getObject(state, kind, rest[1]);
    const type = (rest.find((a) => a.startsWith('--type=')) ?? '--type=strategic').split('=')[1];
    const patch = JSON.parse(rest[rest.indexOf('-p') + 1]);
    const patched = type === 'json' ? jsonPatch(object, patch) : mergePatch(object, patch, type === 'strategic');
    if (kind === 'deployment') settle(patched);
    state.objects[`${kind}/${rest[1]}`] = patched;
    out(`${kind}/${rest[1]} patched`);
  } else if (verb === 'annotate') {
    const kind = kindOf(rest[0]);
    const object = getObject(state, kind, rest[1]);
    if (!rest.includes('--overwrite'))
      fail(1, 'error: --overwrite is false but found the following declared annotation(s)');
    object.metadata.annotations ??= {};
    for (const pair of rest.slice(2).filter((a) => a.includes('='))) {
      object.metadata.annotations[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
    }
    out(`${kind}/${rest[1]} annotated`);
  } else if (verb === 'get') {
    const kind = kindOf(rest[0]);
    const { _history, ...object } = getObject(state, kind, rest[1]);
    out(JSON.stringify(object, null, 2));
  } else {
    fail(1, `fake kubectl: unsupported command ${args.join(' ')}`);
  }
  writeState(state);
}

main();
