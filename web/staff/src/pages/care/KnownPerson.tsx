// On a resettlement or after-care record: where else the county knows the person, found by the ID
// number — under correction now or before (a link to the case), or another resettlement or after-care
// record. A link the reader may not open is shown as text. No names: the record above names the person.
import { Alert, Typography } from "antd";
import { Link } from "react-router-dom";
import type { KnownLink } from "../../../../../src/features/care/known-person.ts";
import { knownPersonLabel as L, subjectStatusLabel } from "../../../../../src/glossary.ts";

function linkText(link: KnownLink): string {
  if (link.kind === "subject")
    return `${link.status === "in_correction" ? L.subjectNow : L.subjectOnce}（${L.bookNumber}${
      link.bookNumber ?? L.noBookNumber
    }，${subjectStatusLabel[link.status]}）`;
  const ended = link.kind === "resettlement" ? L.released : L.rehabEnded;
  return `${L[link.kind]}（${link.from}，${link.on} ${ended}）`;
}

const hrefOf = (link: KnownLink) =>
  link.kind === "subject" ? `/subjects/${link.id}` : `/${link.kind}?id=${encodeURIComponent(link.id)}`;

export function KnownPerson({ links }: { links: KnownLink[] }) {
  if (links.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 8 }}
      data-qa="known-person"
      message={L.title}
      description={links.map((link) => (
        <div key={`${link.kind}:${link.id}`} data-qa="known-link" data-kind={link.kind}>
          {link.reachable ? (
            <Link to={hrefOf(link)}>{linkText(link)}</Link>
          ) : (
            <Typography.Text>
              {linkText(link)}
              <Typography.Text type="secondary">（{L.notYours}）</Typography.Text>
            </Typography.Text>
          )}
        </div>
      ))}
    />
  );
}
