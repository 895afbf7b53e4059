// Preact's memo lives in preact/compat (React compatibility, not otherwise needed): this is the part the page uses.
// A pack's card re-renders when its reading changes, not on every tick of the page.
import { Component } from 'preact';

export function memo(render, same) {
  class Memo extends Component {
    shouldComponentUpdate(next) {
      return !same(this.props, next);
    }

    render(props) {
      return render(props);
    }
  }
  Memo.displayName = `memo(${render.name})`;
  return Memo;
}
