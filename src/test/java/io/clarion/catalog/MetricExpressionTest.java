package io.clarion.catalog;

import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricFormula;
import io.clarion.catalog.model.MetricFormula.Binary;
import io.clarion.catalog.model.MetricFormula.Negate;
import io.clarion.catalog.model.MetricFormula.Num;
import io.clarion.catalog.model.MetricFormula.Ref;
import io.clarion.catalog.model.MetricType;
import io.clarion.testing.DemoEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class MetricExpressionTest {

    @Test
    void productsBindTighterThanSumsAndMinusNegatesOneOperand() {
        MetricFormula f = MetricExpression.parse("a.x - b * (c + 2) / -d").tree();
        assertEquals(new Binary("-", new Ref("a.x"),
                new Binary("/", new Binary("*", new Ref("b"), new Binary("+", new Ref("c"), new Num("2"))), new Negate(new Ref("d")))), f);
    }

    @Test
    void sameLevelOperatorsGroupFromTheLeft() {
        assertEquals(new Binary("-", new Binary("-", new Ref("a"), new Ref("b")), new Ref("c")),
                MetricExpression.parse("a - b - c").tree());
        assertEquals(new Binary("/", new Binary("/", new Ref("a"), new Ref("b")), new Ref("c")),
                MetricExpression.parse("a / b / c").tree());
    }

    @Test
    void simpleAndRatioMetricsAreFormulasToo() {
        assertEquals(new Ref("invoices.revenue"), MetricExpression.formula(MetricType.SIMPLE, " invoices.revenue ", null, null));
        assertEquals(new Binary("/", new Ref("a.n"), new Ref("a.d")), MetricExpression.formula(MetricType.RATIO, null, "a.n ", " a.d"));
    }

    @Test
    void everyCatalogMetricCarriesItsFormulaFromLoad() {
        for (Metric m : DemoEngine.catalog().metrics().values()) {
            assertNotNull(m.formula(), m.name());
            if (m.type() == MetricType.DERIVED) assertEquals(MetricExpression.parse(m.expression()).tree(), m.formula(), m.name());
        }
    }
}
