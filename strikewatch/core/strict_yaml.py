"""Bounded-cost YAML for configuration files: no aliases, no duplicate keys, line numbers
found in one pass.

An alias (``*name``) lets a few hundred bytes stand for billions of nodes (an alias
bomb): refusing them keeps parsing linear in the file's size.
"""

from __future__ import annotations

import yaml


class StrictLoader(yaml.SafeLoader):
    """YAML without aliases and without duplicate keys.

    An alias (``*name``) lets a few hundred bytes stand for billions of nodes (an alias
    bomb), and a configuration file has no use for one; a duplicate key would silently
    replace the first.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in this file",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node):
        """An integer, or an error naming the line: Python refuses to convert integers of
        over 4,300 digits (``sys.set_int_max_str_digits``) with a bare ValueError."""
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"not a usable integer ({exc})", node.start_mark
            ) from None

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    line = first.get(key)
                except TypeError:  # an unhashable key: the constructor says so below
                    continue
                if line is not None:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r} (first given on line {line})",
                        key_node.start_mark,
                    )
                first[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def line_index(root: yaml.Node) -> dict[tuple, int]:
    """Map every path in the YAML document (keys and list indices) to its 1-based line.

    One pass over the nodes, without recursion (a deeply nested file cannot overflow the
    stack); a key's line is where the key stands, a list item's where the item starts.
    """
    out: dict[tuple, int] = {(): root.start_mark.line + 1}
    stack: list[tuple[tuple, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                sub = (*path, key.value)
                out.setdefault(sub, key.start_mark.line + 1)
                stack.append((sub, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                sub = (*path, i)
                out.setdefault(sub, item.start_mark.line + 1)
                stack.append((sub, item))
    return out


def compose(text: str):
    """The document's node tree and its data, with aliases and duplicate keys refused."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)
