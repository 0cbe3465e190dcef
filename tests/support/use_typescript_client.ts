// Use the types generated from openapi.yaml against a live server: analyse a text with its
// claims paired with the corpus's, queue a document with a token, poll its job, and be
// refused without one. Run as `node use_typescript_client.js BASE_URL TOKEN`; prints what
// it got as one JSON object.
import createClient from "openapi-fetch";
import type { paths } from "./claims";

type Media = "application/json" | "application/problem+json";
const [base, token] = process.argv.slice(2);
const api = createClient<paths, Media>({ baseUrl: base });
const writer = createClient<paths, Media>({
  baseUrl: base,
  headers: { Authorization: `Bearer ${token}` },
});

const outposts =
  "Armenian sources claimed that Russian peacekeepers had built additional military posts " +
  "around the former NKR, while TASS officials report the opposite.";
const analysed = await api.POST("/v1/analyses", {
  params: { query: { related: "true" } },
  body: { text: outposts, title: "Outposts", published: "2023-10-10" },
});
if (analysed.error) throw new Error(analysed.error.detail);
const related = analysed.data.claims.flatMap((claim) =>
  claim.relations.filter((relation) => relation.document_id).map((relation) => relation.claim_id),
);

const text = "The ferry operator said on Tuesday that the winter timetable would start in October.";
const queued = await writer.POST("/v1/documents", { body: { text, title: "Winter timetable" } });
if (queued.error) throw new Error(queued.error.detail);
const polled = await api.GET("/v1/jobs/{id}", { params: { path: { id: queued.data.id } } });
if (polled.error) throw new Error(polled.error.detail);
const refused = await api.POST("/v1/documents", { body: { text } });

console.log(
  JSON.stringify({
    outposts,
    analysis: analysed.data,
    related,
    job: queued.data,
    polled: polled.data,
    refused: refused.error,
  }),
);
