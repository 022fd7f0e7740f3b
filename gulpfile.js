// Copies what tsc does not emit into dist/: icons, codex files (*.node.json) and the enum lists.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyNodeJson() {
	return src('nodes/**/*.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyIcons, copyNodeJson);
