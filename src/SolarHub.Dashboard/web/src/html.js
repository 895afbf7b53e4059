// htm bound to preact: components written as tagged templates, so there is no JSX step in the build.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
