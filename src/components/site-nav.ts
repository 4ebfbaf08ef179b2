/**
 * The site's main navigation. Each part of the product adds its own entry here when its page
 * exists, so the header never links to a page that is not there.
 */
export interface NavEntry {
  readonly label: string;
  /** Path below the site's base, without a leading slash ("" is the home page). */
  readonly path: string;
}

export const siteNav: readonly NavEntry[] = [
  { label: "Runbook", path: "" },
  { label: "Labs", path: "labs/" },
  { label: "Interview", path: "interview/" },
  { label: "Progress", path: "progress/" },
];
