/** Mantine's Anchor, Button and NavLink as router links (typed `to`, `params`, `search`). */
import { Anchor, Button, NavLink, type AnchorProps, type ButtonProps, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

type TAnchorAttrs = Omit<ComponentPropsWithRef<'a'>, 'color' | 'style'>;

function MantineAnchor(props: AnchorProps & TAnchorAttrs) {
  return <Anchor component="a" {...props} />;
}

function MantineButtonAnchor(props: ButtonProps & TAnchorAttrs) {
  return <Button component="a" {...props} />;
}

function MantineNavLinkAnchor(props: NavLinkProps & Omit<TAnchorAttrs, 'onChange'>) {
  return <NavLink component="a" {...props} />;
}

export const AnchorLink = createLink(MantineAnchor);
export const ButtonLink = createLink(MantineButtonAnchor);
export const NavLinkLink = createLink(MantineNavLinkAnchor);
