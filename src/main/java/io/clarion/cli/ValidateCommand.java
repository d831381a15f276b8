package io.clarion.cli;

import io.clarion.catalog.CatalogError;
import io.clarion.catalog.CatalogLoader;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate", description = "Check a catalog folder; print every error with file:line:column.")
public class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "semantic", paramLabel = "DIR", description = "catalog folder (default ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() {
        CatalogLoader.LoadResult r = CatalogLoader.load(dir);
        if (!r.ok()) {
            for (CatalogError e : r.errors()) System.err.println(e);
            System.err.println(dir + ": " + r.errors().size() + " error" + (r.errors().size() == 1 ? "" : "s"));
            return 1;
        }
        Catalog c = r.catalog();
        int measures = c.cubes().values().stream().mapToInt(x -> x.measures().size()).sum();
        int dims = c.cubes().values().stream().mapToInt(x -> x.dimensions().size()).sum();
        long certified = c.members().stream().filter(m -> m.info().certified()).count();
        System.out.printf("%s: %d cubes, %d measures, %d dimensions, %d metrics (%d members certified) - valid%n", dir,
                c.cubes().size(), measures, dims, c.metrics().size(), certified);
        for (Cube cube : c.cubes().values()) {
            if (cube.primaryKey().isEmpty()) System.out.println("  note: cube " + cube.name() + " has no primary key");
        }
        return 0;
    }
}
