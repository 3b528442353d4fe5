/** Reads the shipped model file inside a worker; the model's own checks come after (parseModel). */
export async function fetchModel(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
