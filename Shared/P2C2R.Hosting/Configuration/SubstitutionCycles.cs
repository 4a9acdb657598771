namespace P2C2R.Hosting.Configuration;

/// <summary>
/// Rejects substitutions that depend on themselves (<c>a = ${a}</c>, <c>a = ${b}</c> with
/// <c>b = ${a}</c>): Akka's HOCON resolver recurses on them until the stack overflows, which ends
/// the process with no word about the configuration.
/// </summary>
internal static class SubstitutionCycles
{
    public static void Check(IReadOnlyList<ConfigLayer> layers, IEnumerable<HoconSubstitution> references, Dictionary<string, HoconField> definitions)
    {
        var edges = new Dictionary<HoconField, List<(HoconField Target, HoconSubstitution Via)>>();
        foreach (var reference in references)
        {
            var targets = definitions.Values.Where(field => field.Path == reference.Path
                || HoconText.IsUnder(field.Path, reference.Path!)
                || (field.HasSubstitution && HoconText.IsUnder(reference.Path!, field.Path)));
            if (!edges.TryGetValue(reference.Owner!, out var list))
            {
                edges[reference.Owner!] = list = [];
            }

            list.AddRange(targets.Select(target => (target, reference)));
        }

        var finished = new HashSet<HoconField>();
        var path = new List<(HoconField Field, HoconSubstitution? Via)>();
        foreach (var start in edges.Keys)
        {
            Visit(start, null);
        }

        void Visit(HoconField field, HoconSubstitution? via)
        {
            if (finished.Contains(field))
            {
                return;
            }

            var open = path.FindIndex(step => step.Field == field);
            if (open >= 0)
            {
                var cycle = path.Skip(open).Select(step => HoconText.Display(step.Field.Path)).Append(HoconText.Display(field.Path));
                var first = path.Count > open + 1 ? path[open + 1].Via! : via!;
                throw LayeredHocon.Error(layers, first, $"substitution cycle {string.Join(" -> ", cycle)} (a value may not refer to itself)");
            }

            path.Add((field, via));
            foreach (var (target, reference) in edges.GetValueOrDefault(field) ?? [])
            {
                Visit(target, reference);
            }

            path.RemoveAt(path.Count - 1);
            finished.Add(field);
        }
    }
}
