export interface Brand {
  id: string;
  name: string;
  supplierId: string;
  country: string;
}

export interface Item {
  sku: string;
  brandId: string;
  title: string;
  tags: string[];
  stockByRegion: Record<string, number>;
}

const adjectives = ['Classic', 'Compact', 'Deluxe', 'Eco', 'Pro', 'Travel', 'Urban', 'Vintage'];
const nouns = ['Backpack', 'Blender', 'Desk Lamp', 'Headphones', 'Kettle', 'Notebook', 'Sneakers', 'Umbrella', 'Watch'];
const regions = ['eu-west', 'eu-central', 'us-east'];

export function seedDocuments(): { brands: Brand[]; items: Item[] } {
  const brands: Brand[] = [];
  for (let n = 1; n <= 12; n++) {
    brands.push({ id: `b-${100 + n}`, name: `Brand ${String.fromCharCode(64 + n)}`, supplierId: `sup-${(n % 5) + 1}`, country: ['NL', 'DE', 'PT', 'US'][n % 4]! });
  }
  const items: Item[] = [];
  for (let n = 1; n <= 400; n++) {
    const title = `${adjectives[n % adjectives.length]} ${nouns[(n * 7) % nouns.length]}`;
    items.push({
      sku: `SKU-${String(n * 37).padStart(6, '0')}`,
      brandId: brands[n % brands.length]!.id,
      title,
      tags: title.toLowerCase().split(' '),
      stockByRegion: Object.fromEntries(regions.map((region, index) => [region, (n * (index + 2)) % 9])),
    });
  }
  return { brands, items };
}
