// A fake docker: records argv, keeps images (tags, labels, RepoDigests) in the JSON state file.
const { createHash } = require('node:crypto');
const { writeState, fail, start } = require('./fake-common.cjs');

const sha = (text) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const repositoryOf = (ref) => {
  const at = ref.indexOf('@');
  const noDigest = at === -1 ? ref : ref.slice(0, at);
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
};

function flagValues(args, flag) {
  const values = [];
  for (let i = 0; i < args.length; i++) if (args[i] === flag) values.push(args[i + 1]);
  return values;
}

function main() {
  const argv = process.argv.slice(2);
  const state = start('docker', argv);
  state.images ??= {};
  const out = (text) => process.stdout.write(`${text}\n`);
  const build = argv[0] === 'build' || (argv[0] === 'buildx' && argv[1] === 'build');
  if (build) {
    const tags = flagValues(argv, '--tag');
    const labels = Object.fromEntries(
      flagValues(argv, '--label').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const id = sha(JSON.stringify({ tags, labels }));
    const image = { Id: id, RepoTags: tags, RepoDigests: [], Config: { Labels: labels } };
    if (argv.includes('--push')) image.RepoDigests = tags.map((t) => `${repositoryOf(t)}@${sha(`${id}${t}`)}`);
    for (const tag of tags) state.images[tag] = image;
    out(id);
  } else if (argv[0] === 'tag') {
    const image = state.images[argv[1]];
    if (!image) fail(1, `Error response from daemon: No such image: ${argv[1]}`);
    image.RepoTags = [...new Set([...image.RepoTags, argv[2]])];
    state.images[argv[2]] = image;
  } else if (argv[0] === 'push') {
    const image = state.images[argv[1]];
    if (!image) fail(1, `An image does not exist locally with the tag: ${argv[1]}`);
    const digest = `${repositoryOf(argv[1])}@${sha(`${image.Id}${argv[1]}`)}`;
    image.RepoDigests = [...new Set([...image.RepoDigests, digest])];
    for (const tag of image.RepoTags) state.images[tag] = image;
    out(`${argv[1].split(':').pop()}: digest: ${digest.split('@')[1]} size: 1234`);
  } else if (argv[0] === 'image' && argv[1] === 'inspect') {
    const image = state.images[argv[2]];
    if (!image) fail(1, `Error response from daemon: No such image: ${argv[2]}`);
    out(JSON.stringify([image], null, 2));
  } else {
    fail(1, `fake docker: unsupported command ${argv.join(' ')}`);
  }
  writeState(state);
}

main();
