// Liveness for load balancers: answers at once, touching nothing. (bench:dlr also uses it as the bare baseline.)
export function GET() {
  return Response.json({ status: "ok" });
}

export const POST = GET;
